package dev.tollgate.domain.ledger;

import java.time.ZoneOffset;

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
  SESSION;

  /** The group an entry falls in; entries without a team group under the empty string. */
  public String groupOf(SpendEntry entry) {
    return switch (this) {
      case DAY -> entry.startedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      case TENANT -> entry.owner().tenant().value();
      case TEAM -> entry.owner().team().map(t -> t.value()).orElse("");
      case KEY -> entry.key().value();
      case MODEL -> entry.model().value();
      case END_USER -> entry.endUser().map(u -> u.value()).orElse("");
      case SESSION -> entry.session().map(s -> s.value()).orElse("");
    };
  }
}
