package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.service.Administration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /spend/logs} and {@code /global/spend/report} over the ledger's spend reports: the same
 * figures as {@code /admin/v1/spend}, to the nano-dollar, narrowed to the caller's tenant for a
 * tenant admin. Daily activity is {@link DailyActivity}.
 */
final class SpendEndpoints {

  static final int MAX_LOGS = 1000;

  private final Administration admin;
  private final KeyEndpoints keys;

  SpendEndpoints(Administration admin, KeyEndpoints keys) {
    this.admin = admin;
    this.keys = keys;
  }

  List<LitellmRoute> routes() {
    DailyActivity daily = new DailyActivity(admin);
    return List.of(
        get("/spend/logs", this::logs),
        get("/global/spend/report", this::report),
        get("/user/daily/activity", daily::user),
        get("/team/daily/activity", daily::team));
  }

  private void logs(LitellmCall c) {
    c.onlyQuery(Set.of("api_key", "request_id", "start_date", "end_date", "team_id", "end_user",
        "user_id"));
    if (c.query("user_id", 256).isPresent()) {
      throw LitellmError.badRequest("user_id", "Tollgate has no internal users; filter by"
          + " api_key, team_id or end_user.");
    }
    ArrayNode out = c.array();
    Optional<String> request = c.query("request_id", 128);
    if (request.isPresent()) {
      out.add(row(c, LitellmError.done(admin.spend().entry(c.actor(),
          new RequestId(request.get())))));
      c.json(out);
      return;
    }
    SpendFields.Range r = SpendFields.range(c);
    Optional<KeyId> key = c.query("api_key", 512).map(k -> keys.resolve(c.actor(), k).id());
    SpendQuery q = new SpendQuery(c.actor().tenant(), c.query("team_id", 128).map(TeamId::of),
        key, Optional.empty(), c.query("end_user", 128).map(EndUserId::of), r.from(), r.to());
    for (SpendEntry e : LitellmError.done(admin.spend().entries(c.actor(), q, 0, MAX_LOGS))) {
      out.add(row(c, e));
    }
    c.json(out);
  }

  private static ObjectNode row(LitellmCall c, SpendEntry e) {
    ObjectNode n = c.object();
    n.put("request_id", e.requestId().value());
    n.put("api_key", e.key().value());
    n.put("model", e.model().value());
    n.set("spend", c.usd(e.cost()));
    n.put("prompt_tokens", SpendFields.promptTokens(e.usage()));
    n.put("completion_tokens", SpendFields.completionTokens(e.usage()));
    n.put("total_tokens", SpendFields.promptTokens(e.usage())
        + SpendFields.completionTokens(e.usage()));
    n.put("startTime", e.startedAt().toString());
    n.put("endTime", e.recordedAt().toString());
    n.put("team_id", e.owner().team().map(TeamId::value).orElse(null));
    n.put("organization_id", e.owner().tenant().value());
    n.put("end_user", e.endUser().map(EndUserId::value).orElse(null));
    n.put("user", e.endUser().map(EndUserId::value).orElse(null));
    n.putObject("metadata");
    return n;
  }

  /**
   * Spend per day and per team, customer or key ({@code group_by}, default team), each group with
   * its total; the groups of a day sum to that day's ledger total.
   */
  private void report(LitellmCall c) {
    c.onlyQuery(Set.of("start_date", "end_date", "group_by", "api_key", "customer_id",
        "internal_user_id", "team_id"));
    if (c.query("internal_user_id", 256).isPresent()) {
      throw LitellmError.badRequest("internal_user_id", "Tollgate has no internal users.");
    }
    String by = c.query("group_by", 16).orElse("team");
    SpendGrouping grouping = switch (by) {
      case "team" -> SpendGrouping.TEAM;
      case "customer" -> SpendGrouping.END_USER;
      case "api_key" -> SpendGrouping.KEY;
      default -> throw LitellmError.badRequest("group_by", "'group_by' is team, customer or"
          + " api_key.");
    };
    SpendFields.Range r = SpendFields.range(c);
    Optional<KeyId> key = c.query("api_key", 512).map(k -> keys.resolve(c.actor(), k).id());
    SpendQuery q = new SpendQuery(c.actor().tenant(), c.query("team_id", 128).map(TeamId::of),
        key, Optional.empty(), c.query("customer_id", 128).map(EndUserId::of), r.from(), r.to());
    SpendSeries series = LitellmError.done(admin.spend().series(c.actor(), q, grouping,
        SpendSeries.MAX_TOP, SpendSeries.MAX_TOP));
    String list = switch (grouping) {
      case TEAM -> "teams";
      case END_USER -> "customers";
      default -> "api_keys";
    };
    String name = switch (grouping) {
      case TEAM -> "team_name";
      case END_USER -> "customer";
      default -> "api_key";
    };
    ArrayNode out = c.array();
    for (SpendSeries.Day day : series.days()) {
      ObjectNode d = out.addObject();
      d.put("group_by_day", day.day().toString());
      ArrayNode groups = d.putArray(list);
      for (SpendGroup g : day.groups()) {
        groups.addObject().put(name, g.group()).set("total_spend", c.usd(g.total().cost()));
      }
      if (day.other().requests() > 0 || day.other().cost().isPositive()) {
        groups.addObject().put(name, "(other)").set("total_spend", c.usd(day.other().cost()));
      }
    }
    c.json(out);
  }
}
