package dev.tollgate.domain.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Spend per UTC day split by one grouping, as a stacked chart draws it: every group's total over
 * the range (ordered by group), the {@code top} groups with the most cost (ties by group name),
 * and per day with spend the cells of those top groups plus the rest of the day as one "other".
 * Exact: a day's cells and other sum to the day's total, the groups to the range's total.
 *
 * @param groups every group's total over the range, ordered by group
 * @param top the groups drawn one by one, the costliest first
 * @param days the days with spend, in order
 */
public record SpendSeries(List<SpendGroup> groups, List<String> top, List<Day> days) {

  /** The most groups one series draws one by one. */
  public static final int MAX_TOP = 100;

  /** The costliest first; equal costs by group name. */
  private static final Comparator<SpendGroup> RANK =
      Comparator.comparing((SpendGroup g) -> g.total().cost()).reversed()
          .thenComparing(SpendGroup::group);

  /** One day: its total, the top groups that spent on it (in top order), and the rest. */
  public record Day(LocalDate day, SpendTotal total, List<SpendGroup> groups, SpendTotal other) {}

  public SpendSeries {
    groups = List.copyOf(groups);
    top = List.copyOf(top);
    days = List.copyOf(days);
  }

  /** The range's total: the sum of every group. */
  public SpendTotal total() {
    SpendTotal t = SpendTotal.NONE;
    for (SpendGroup g : groups) {
      t = add(t, g.total());
    }
    return t;
  }

  /** From every (day, group) cell, none of them "other": ranks the groups and folds the rest. */
  public static SpendSeries fold(List<SpendCell> cells, int top) {
    Map<String, SpendTotal> byGroup = new TreeMap<>();
    for (SpendCell c : cells) {
      byGroup.merge(c.group().orElseThrow(() -> new IllegalArgumentException(
          "fold takes unfolded cells")), c.total(), SpendSeries::add);
    }
    List<SpendGroup> groups = new ArrayList<>(byGroup.size());
    byGroup.forEach((g, t) -> groups.add(new SpendGroup(g, t)));
    return assemble(groups, cells, top);
  }

  /**
   * From every group's total and cells that may already be folded (a store ranking in its own
   * query): a cell of a group outside the top, or of none, counts in its day's other.
   */
  public static SpendSeries assemble(List<SpendGroup> groups, List<SpendCell> cells, int top) {
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException("top must be 1.." + MAX_TOP);
    }
    List<SpendGroup> ordered = new ArrayList<>(groups);
    ordered.sort(Comparator.comparing(SpendGroup::group));
    List<String> ranked = ordered.stream().sorted(RANK).limit(top).map(SpendGroup::group).toList();
    Set<String> inTop = new HashSet<>(ranked);
    Map<LocalDate, Map<String, SpendTotal>> tops = new TreeMap<>();
    Map<LocalDate, SpendTotal> others = new TreeMap<>();
    for (SpendCell c : cells) {
      tops.computeIfAbsent(c.day(), d -> new LinkedHashMap<>());
      Optional<String> g = c.group().filter(inTop::contains);
      if (g.isPresent()) {
        tops.get(c.day()).merge(g.get(), c.total(), SpendSeries::add);
      } else {
        others.merge(c.day(), c.total(), SpendSeries::add);
      }
    }
    List<Day> days = new ArrayList<>(tops.size());
    tops.forEach((day, byGroup) -> {
      List<SpendGroup> dayGroups = new ArrayList<>(byGroup.size());
      SpendTotal other = others.getOrDefault(day, SpendTotal.NONE);
      SpendTotal total = other;
      for (String g : ranked) {
        SpendTotal t = byGroup.get(g);
        if (t != null) {
          dayGroups.add(new SpendGroup(g, t));
          total = add(total, t);
        }
      }
      days.add(new Day(day, total, dayGroups, other));
    });
    return new SpendSeries(ordered, ranked, days);
  }

  private static SpendTotal add(SpendTotal a, SpendTotal b) {
    return a.plus(b.requests(), b.cost(), b.usage());
  }
}
