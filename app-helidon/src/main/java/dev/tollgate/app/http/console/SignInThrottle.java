package dev.tollgate.app.http.console;

import dev.tollgate.app.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed console sign-ins, counted in one-minute windows per client address and per prefix of
 * the key presented (its first {@value #PREFIX_CHARS} characters: for a Tollgate key,
 * {@code sk-tg-} and six of its own). Past {@value #MAX_FAILURES} failures in a window, every
 * sign-in from that address or with that prefix is refused with 429 and Retry-After until the
 * window ends, the right key included (else the limit would only slow a guesser down, not stop
 * it). Per replica, in memory: a guesser spreading over N replicas gets N times the tries.
 * Prefixes are kept hashed; at most {@value #MAX_TRACKED} windows, the least recently used
 * forgotten first.
 */
final class SignInThrottle {

  static final int MAX_FAILURES = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int PREFIX_CHARS = 12;
  static final int MAX_TRACKED = 10_000;

  private static final class Window {
    private final Instant start;
    private int failures;

    Window(Instant start) {
      this.start = start;
    }
  }

  private final Clock clock;
  private final Map<String, Window> windows = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
      return size() > MAX_TRACKED;
    }
  };

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** The refusal for a sign-in from {@code address} presenting {@code key}, if it is limited. */
  synchronized Optional<ApiError> refusal(String address, String key) {
    Instant now = clock.instant();
    Optional<Duration> wait = wait(addressKey(address), now).or(() -> wait(prefixKey(key), now));
    return wait.map(d -> new ApiError(429, "requests", "rate_limit_exceeded",
        "Too many failed sign-ins from this address or with this key; try again in "
            + Math.max(1, (d.toMillis() + 999) / 1000) + " s.", null, Optional.of(d)));
  }

  /** Counts a failed sign-in against its address and its key's prefix. */
  synchronized void failed(String address, String key) {
    Instant now = clock.instant();
    count(addressKey(address), now);
    count(prefixKey(key), now);
  }

  private Optional<Duration> wait(String id, Instant now) {
    Window w = windows.get(id);
    if (w == null || !now.isBefore(w.start.plus(WINDOW)) || w.failures < MAX_FAILURES) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, w.start.plus(WINDOW)));
  }

  private void count(String id, Instant now) {
    Window w = windows.get(id);
    if (w == null || !now.isBefore(w.start.plus(WINDOW))) {
      w = new Window(now);
      windows.put(id, w);
    }
    w.failures++;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  private static String prefixKey(String key) {
    String prefix = key.length() > PREFIX_CHARS ? key.substring(0, PREFIX_CHARS) : key;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(prefix.getBytes(StandardCharsets.UTF_8));
      return "p:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
