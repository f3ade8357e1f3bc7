package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryKeyStore;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.contract.KeyStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CachingKeyStoreTest {

  /** The cache is still a key store. */
  @Nested
  class Contract extends KeyStoreContract {
    @Override
    protected KeyStore newStore() {
      return new CachingKeyStore(new InMemoryKeyStore(), Clock.systemUTC(), Runnable::run,
          CachingKeyStore.Settings.defaults());
    }
  }

  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  /** A store that counts lookups and can be taken down. */
  private static final class Backing extends Object implements KeyStore {
    final InMemoryKeyStore inner = new InMemoryKeyStore();
    final AtomicInteger lookups = new AtomicInteger();
    boolean down;

    @Override
    public void save(VirtualKey key) {
      inner.save(key);
    }

    @Override
    public Optional<VirtualKey> findByHash(KeyHash hash) {
      lookups.incrementAndGet();
      if (down) {
        throw new StoreUnavailableException("down");
      }
      return inner.findByHash(hash);
    }

    @Override
    public Optional<VirtualKey> findById(KeyId id) {
      return inner.findById(id);
    }

    @Override
    public boolean delete(KeyId id) {
      return inner.delete(id);
    }

    @Override
    public List<VirtualKey> listByTenant(
        TenantId tenant, Optional<TeamId> team, int offset, int limit) {
      return inner.listByTenant(tenant, team, offset, limit);
    }
  }

  private final ManualClock clock = new ManualClock(T0);
  private final Backing backing = new Backing();
  private final CachingKeyStore cache = new CachingKeyStore(backing, clock, Runnable::run,
      new CachingKeyStore.Settings(Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(1), 1000));

  private static VirtualKey key() {
    ApiKeySecret secret = KeyFormat.mint(new Random(7));
    return new VirtualKey(KeyId.of("k1"), secret.hash(), Owner.tenant(TenantId.of("t")), "", secret.hint(),
        Set.of(), Optional.empty(), false, T0);
  }

  @Test
  void a_fresh_key_is_answered_from_memory_without_a_lookup() {
    VirtualKey k = key();
    backing.save(k);
    cache.findByHash(k.hash());
    clock.advance(Duration.ofSeconds(10));

    assertThat(cache.findByHash(k.hash())).contains(k);
    assertThat(backing.lookups.get()).isEqualTo(1);
  }

  @Test
  void an_older_key_is_served_and_refreshed_so_a_block_elsewhere_arrives() {
    VirtualKey k = key();
    backing.save(k);
    cache.findByHash(k.hash());
    backing.save(k.withBlocked(true)); // another replica blocked it
    clock.advance(Duration.ofSeconds(20));

    cache.findByHash(k.hash()); // served, refresh runs (inline executor here)
    assertThat(cache.findByHash(k.hash()).orElseThrow().blocked()).isTrue();
  }

  @Test
  void while_the_store_is_down_a_known_key_keeps_working_and_an_unknown_one_is_unavailable() {
    VirtualKey k = key();
    backing.save(k);
    cache.findByHash(k.hash());
    backing.down = true;
    clock.advance(Duration.ofHours(1));

    assertThat(cache.findByHash(k.hash())).contains(k);
    KeyHash unknown = KeyFormat.mint(new Random(8)).hash();
    assertThatThrownBy(() -> cache.findByHash(unknown)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void while_the_store_is_known_to_be_down_no_request_waits_for_it() {
    VirtualKey k = key();
    backing.save(k);
    boolean[] down = {false};
    CachingKeyStore guarded = new CachingKeyStore(backing, clock, Runnable::run,
        CachingKeyStore.Settings.defaults(), () -> down[0]);
    guarded.findByHash(k.hash());
    down[0] = true;
    clock.advance(Duration.ofHours(1));
    int lookups = backing.lookups.get();

    assertThat(guarded.findByHash(k.hash())).contains(k);
    KeyHash unknown = KeyFormat.mint(new Random(8)).hash();
    assertThatThrownBy(() -> guarded.findByHash(unknown)).isInstanceOf(StoreUnavailableException.class);
    assertThat(backing.lookups.get()).isEqualTo(lookups);
  }

  @Test
  void a_key_saved_through_the_cache_is_current_at_once() {
    VirtualKey k = key();
    cache.save(k);
    cache.findByHash(k.hash());
    cache.save(k.withBlocked(true));

    assertThat(cache.findByHash(k.hash()).orElseThrow().blocked()).isTrue();
  }

  @Test
  void unknown_keys_are_remembered_briefly_then_looked_up_again() {
    KeyHash unknown = KeyFormat.mint(new Random(9)).hash();
    cache.findByHash(unknown);
    cache.findByHash(unknown);
    clock.advance(Duration.ofSeconds(2));
    cache.findByHash(unknown);

    assertThat(backing.lookups.get()).isEqualTo(2);
  }
}
