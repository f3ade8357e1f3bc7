package dev.tollgate.domain.ledger;

import dev.tollgate.domain.tenancy.Tag;
import java.time.ZoneOffset;
import java.util.List;

/** How a spend report splits its entries: by UTC day of the request's start, or by an owner. */
public enum SpendGrouping {
  DAY,
  TENANT,
  TEAM,
  KEY,
  MODEL,
  /** The request's end user; entries without one group under the empty string. */
  END_USER,
  /** The request's client session (a session header); entries without one group under "". */
  SESSION,
  /**
   * The request's tags: an entry counts once in each of its tags' groups, so the groups' sums may
   * exceed the total ({@link #overlaps()}); entries without a tag group under "".
   */
  TAG;

  /** Whether one entry may fall in more than one group, so the groups may sum past the total. */
  public boolean overlaps() {
    return this == TAG;
  }

  /** The groups an entry falls in: one, except by {@link #TAG}, one per tag it carries. */
  public List<String> groupsOf(SpendEntry entry) {
    if (this == TAG) {
      return entry.tags().isEmpty() ? List.of("") : entry.tags().values().stream()
          .map(Tag::value).toList();
    }
    return List.of(groupOf(entry));
  }

  /**
   * The group an entry falls in; entries without a team group under the empty string. By
   * {@link #TAG}, the first of its tags ({@link #groupsOf} names them all).
   */
  public String groupOf(SpendEntry entry) {
    return switch (this) {
      case DAY -> entry.startedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case TENANT -> entry.owner().tenant().value();
      case TEAM -> entry.owner().team().map(t -> t.value()).orElse("");
      case KEY -> entry.key().value();
      case MODEL -> entry.model().value();
      case END_USER -> entry.endUser().map(u -> u.value()).orElse("");
      case SESSION -> entry.session().map(s -> s.value()).orElse("");
      case TAG -> entry.tags().isEmpty() ? "" : entry.tags().values().get(0).value();
    };
  }
}
