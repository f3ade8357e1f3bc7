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
 * <p>A series may list only its costliest groups ({@link #listing}): the others are then summed
 * as {@code unlisted}, so the listed groups and {@code unlisted} still sum to the range's total.
 *
 * @param groups the listed groups' totals over the range, ordered by group (every group unless
 *     the series was cut by {@link #listing})
 * @param top the groups drawn one by one, the costliest first
 * @param days the days with spend, in order
 * @param unlisted the sum of the groups not listed ({@link SpendTotal#NONE} when all are)
 * @param groupsCount how many groups spent over the range, listed or not
 */
public record SpendSeries(List<SpendGroup> groups, List<String> top, List<Day> days,
    SpendTotal unlisted, int groupsCount) {

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
    if (unlisted == null || groupsCount < groups.size()) {
      throw new IllegalArgumentException("unlisted groups and their sum go together");
    }
  }

  /** Every group listed. */
  public SpendSeries(List<SpendGroup> groups, List<String> top, List<Day> days) {
    this(groups, top, days, SpendTotal.NONE, groups.size());
  }

  /** The range's total: the sum of every group, listed or not. */
  public SpendTotal total() {
    SpendTotal t = unlisted;
    for (SpendGroup g : groups) {
      t = add(t, g.total());
    }
    return t;
  }

  /**
   * This series listing at most {@code rows} groups, the costliest (ties by group name), and the
   * others summed as {@link #unlisted}: what a page showing a table of the top spenders needs,
   * however many groups spent.
   */
  public SpendSeries listing(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1");
    }
    if (groups.size() <= rows) {
      return this;
    }
    List<SpendGroup> ranked = groups.stream().sorted(RANK).toList();
    SpendTotal rest = unlisted;
    for (SpendGroup g : ranked.subList(rows, ranked.size())) {
      rest = add(rest, g.total());
    }
    List<SpendGroup> listed = new ArrayList<>(ranked.subList(0, rows));
    listed.sort(Comparator.comparing(SpendGroup::group));
    return new SpendSeries(listed, top, days, rest, groupsCount);
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
    return assemble(groups, cells, top, SpendTotal.NONE, 0);
  }

  /**
   * {@link #assemble(List, List, int)} where the store listed only its costliest groups (at least
   * the {@code top}) and summed the {@code unlistedGroups} others as {@code unlisted}.
   */
  public static SpendSeries assemble(List<SpendGroup> groups, List<SpendCell> cells, int top,
      SpendTotal unlisted, int unlistedGroups) {
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
    return new SpendSeries(ordered, ranked, days, unlisted, ordered.size() + unlistedGroups);
  }

  private static SpendTotal add(SpendTotal a, SpendTotal b) {
    return a.plus(b.requests(), b.cost(), b.usage());
  }
}
