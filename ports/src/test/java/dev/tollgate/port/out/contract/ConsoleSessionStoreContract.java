package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.ConsoleSession;
import dev.tollgate.port.out.ConsoleSessionId;
import dev.tollgate.port.out.ConsoleSessionStore;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleSessionStore} promises: find until expiry, delete ends, expiry sweeps. */
public abstract class ConsoleSessionStoreContract {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  /** A store for this test; it may hold other tests' sessions. */
  protected abstract ConsoleSessionStore newStore();

  private ConsoleSessionStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private static String hex() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static ConsoleSession session(Optional<String> tenant, Instant expires) {
    return new ConsoleSession(new ConsoleSessionId(hex()), tenant, hex(), T0, expires);
  }

  @Test
  void aSessionIsFoundAsStoredUntilItExpires() {
    ConsoleSession s = session(Optional.of("acme"), T0.plusSeconds(3600));
    store.create(s);
    assertThat(store.find(s.id(), T0.plusSeconds(10))).contains(s);
    assertThat(store.find(s.id(), T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void aPlatformSessionHasNoTenant() {
    ConsoleSession s = session(Optional.empty(), T0.plusSeconds(60));
    store.create(s);
    assertThat(store.find(s.id(), T0).orElseThrow().isPlatform()).isTrue();
  }

  @Test
  void deleteEndsASessionOnce() {
    ConsoleSession s = session(Optional.of("acme"), T0.plusSeconds(60));
    store.create(s);
    assertThat(store.delete(s.id())).isTrue();
    assertThat(store.find(s.id(), T0)).isEmpty();
    assertThat(store.delete(s.id())).isFalse();
  }

  @Test
  void expirySweepsOnlyEndedSessions() {
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
    ConsoleSession old = new ConsoleSession(new ConsoleSessionId(hex()), Optional.empty(), hex(),
        longAgo, longAgo.plusSeconds(60));
    ConsoleSession live = session(Optional.empty(), T0.plusSeconds(60));
    store.create(old);
    store.create(live);
    assertThat(store.expire(longAgo.plusSeconds(61))).isGreaterThanOrEqualTo(1);
    assertThat(store.find(old.id(), longAgo)).isEmpty();
    assertThat(store.find(live.id(), T0)).contains(live);
  }
}
