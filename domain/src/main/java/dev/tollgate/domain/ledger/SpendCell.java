package dev.tollgate.domain.ledger;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The spend of one group on one UTC day; an empty group is the day's "other": the groups outside
 * a series' top, summed.
 */
public record SpendCell(LocalDate day, Optional<String> group, SpendTotal total) {

  public SpendCell {
    if (day == null || group == null || total == null) {
      throw new IllegalArgumentException("a cell has a day, a group (or none) and a total");
    }
  }

  public static SpendCell of(LocalDate day, String group, SpendTotal total) {
    return new SpendCell(day, Optional.of(group), total);
  }
}
