package dev.tollgate.domain.key;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of a tenant's keys a list shows: those whose alias or id contains {@code text} (case
 * folded), in a given state at the time of the listing.
 */
public record KeyFilter(Optional<String> text, Optional<State> state) {

  public static final int MAX_TEXT = 128;
  public static final KeyFilter NONE = new KeyFilter(Optional.empty(), Optional.empty());

  /** A key's state as the admin API shows it: blocked wins over expired. */
  public enum State {
    ACTIVE,
    BLOCKED,
    EXPIRED;

    public static State of(VirtualKey key, Instant now) {
      if (key.blocked()) {
        return BLOCKED;
      }
      return key.isExpiredAt(now) ? EXPIRED : ACTIVE;
    }
  }

  public KeyFilter {
    if (text == null || state == null
        || text.filter(t -> t.isEmpty() || t.length() > MAX_TEXT).isPresent()) {
      throw new IllegalArgumentException("a filter's text is 1.." + MAX_TEXT + " characters");
    }
    text = text.map(t -> t.toLowerCase(Locale.ROOT));
  }

  public boolean isNone() {
    return text.isEmpty() && state.isEmpty();
  }

  public boolean matches(VirtualKey key, Instant now) {
    return text.map(t -> key.alias().toLowerCase(Locale.ROOT).contains(t)
            || key.id().value().toLowerCase(Locale.ROOT).contains(t)).orElse(true)
        && state.map(s -> s == State.of(key, now)).orElse(true);
  }
}
