package dev.tollgate.adapter.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's prompt cache, as Anthropic's behaves: a segment whose whole prefix was written
 * before and has not expired is read; otherwise it is written, for 5 minutes or an hour. A read
 * refreshes the entry's lifetime. Bounded: past {@link #MAX_ENTRIES} the least recently used
 * prefix is forgotten.
 */
final class PromptCache {

  static final int MAX_ENTRIES = 10_000;
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
  static final Duration LONG_LIFETIME = Duration.ofHours(1);

  /** What one request's prompt did with the cache, in tokens. */
  record Use(int fresh, int read, int written5m, int written1h) {
    int written() {
      return written5m + written1h;
    }
  }

  private final Clock clock;
  private final Map<Long, Instant> expiries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  PromptCache(Clock clock) {
    this.clock = clock;
  }

  synchronized Use use(MessagesPrompt prompt) {
    Instant now = clock.instant();
    int read = 0;
    int written5m = 0;
    int written1h = 0;
    for (MessagesPrompt.Segment s : prompt.segments()) {
      Duration lifetime = s.oneHour() ? LONG_LIFETIME : DEFAULT_LIFETIME;
      Instant expiry = expiries.get(s.prefixHash());
      if (expiry != null && expiry.isAfter(now)) {
        read += s.tokens();
      } else if (s.oneHour()) {
        written1h += s.tokens();
      } else {
        written5m += s.tokens();
      }
      expiries.put(s.prefixHash(), now.plus(lifetime));
    }
    int fresh = prompt.tokens() - read - written5m - written1h;
    return new Use(fresh, read, written5m, written1h);
  }
}
