package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /spend?group_by=day,<grouping>&top=N}: spend per day split by a grouping in one
 * report, as a stacked chart draws it (docs/admin.md): every group's total over the range, the
 * top groups (costliest first), and per day with spend its total, its top groups' cells and the
 * rest as {@code other}. All from one read of the ledger, so every number agrees with the others
 * and with the single-grouping reports to the nano-dollar.
 */
final class SpendSeriesAnswer {

  static final String BY_DAY = "day,";
  /** Groups drawn one by one when the caller does not say. */
  static final int DEFAULT_TOP = 10;
  /** The most groups {@code rows=} lists one by one. */
  static final int MAX_ROWS = 1000;

  private static final Comparator<SpendGroup> COSTLIEST =
      Comparator.comparing((SpendGroup g) -> g.total().cost()).reversed()
          .thenComparing(SpendGroup::group);

  private SpendSeriesAnswer() {}

  static int top(AdminCall c) {
    return c.query("top", 8).map(v -> Fields.parse("top", v, Integer::parseInt)).map(n -> {
      if (n < 1 || n > SpendSeries.MAX_TOP) {
        throw new BadField("top", "'top' must be 1.." + SpendSeries.MAX_TOP + ".");
      }
      return n;
    }).orElse(DEFAULT_TOP);
  }

  /**
   * {@code rows=N}: list only the N costliest groups (ties by name) and sum the others as
   * {@code rest}, so a page that shows the top spenders of 10,000 keys does not receive all of
   * them; absent, every group is listed, ordered by group.
   */
  static Optional<Integer> rows(AdminCall c) {
    return c.query("rows", 8).map(v -> Fields.parse("rows", v, Integer::parseInt)).map(n -> {
      if (n < 1 || n > MAX_ROWS) {
        throw new BadField("rows", "'rows' must be 1.." + MAX_ROWS + ".");
      }
      return n;
    });
  }

  static ObjectNode json(AdminJson json, ObjectNode report, SpendGrouping by, int top,
      Optional<Integer> rows, SpendSeries s) {
    report.put("group_by", BY_DAY + by.name().toLowerCase(Locale.ROOT));
    report.put("top", top);
    report.put("groups_count", s.groupsCount());
    ArrayNode groups = report.putArray("groups");
    if (rows.isEmpty()) {
      s.groups().forEach(g -> groups.add(group(json, g)));
    } else { // the store listed the costliest (SpendSeries#listing) and summed the others
      s.groups().stream().sorted(COSTLIEST).forEach(g -> groups.add(group(json, g)));
      if (s.groupsCount() > s.groups().size()) {
        report.set("rest", json.total(s.unlisted()));
      }
    }
    ArrayNode ranked = report.putArray("top_groups");
    s.top().forEach(ranked::add);
    ArrayNode days = report.putArray("days");
    for (SpendSeries.Day d : s.days()) {
      ObjectNode day = json.total(d.total());
      day.put("day", d.day().toString());
      ArrayNode cells = day.putArray("groups");
      d.groups().forEach(g -> cells.add(group(json, g)));
      if (!d.other().equals(SpendTotal.NONE)) {
        day.set("other", json.total(d.other()));
      }
      days.add(day);
    }
    return report;
  }

  private static ObjectNode group(AdminJson json, SpendGroup g) {
    ObjectNode row = json.total(g.total());
    row.put("group", g.group());
    return row;
  }
}
