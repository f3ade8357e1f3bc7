package dev.tollgate.adapter.local;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Keeps key lookups off the database in steady state: a bounded cache by hash in front of any
 * {@link KeyStore}. A key younger than {@code refreshAfter} is answered from memory; an older one
 * is answered from memory while one background lookup refreshes it; one older than
 * {@code expireAfter} is looked up on the request. When the store is unavailable a known key keeps
 * working from its last-known state (however old), and an unknown key is a
 * {@link StoreUnavailableException} (503), never a guess. Unknown keys are remembered for
 * {@code negativeFor} to blunt floods of random keys.
 *
 * <p>While {@code storeDown} says the store is known to be down, known keys are answered from
 * memory at once and unknown ones refused at once, instead of each waiting for the store to time
 * out.
 *
 * <p>A key saved through this cache (issued, blocked) is current here at once; other replicas see
 * the change within {@code refreshAfter} plus one lookup.
 */
public final class CachingKeyStore implements KeyStore {

  /** How long entries stay fresh, stale-but-served, and negative. */
  public record Settings(Duration refreshAfter, Duration expireAfter, Duration negativeFor, int maxEntries) {
    public Settings {
      if (refreshAfter.isNegative() || expireAfter.compareTo(refreshAfter) < 0
          || negativeFor.isNegative() || maxEntries < 1) {
        throw new IllegalArgumentException("invalid key cache settings");
      }
    }

    /** Fresh 15 s, served while refreshing up to 5 min, unknown keys remembered 1 s, 100k keys. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(1), 100_000);
    }
  }

  private record Entry(Optional<VirtualKey> key, Instant fetchedAt) {}

  private final KeyStore store;
  private final Clock clock;
  private final Executor refresher;
  private final Settings settings;
  private final BooleanSupplier storeDown;
  private final Map<KeyHash, Entry> byHash = new ConcurrentHashMap<>();
  private final Map<KeyHash, Boolean> refreshing = new ConcurrentHashMap<>();

  public CachingKeyStore(KeyStore store, Clock clock, Executor refresher, Settings settings) {
    this(store, clock, refresher, settings, () -> false);
  }

  public CachingKeyStore(KeyStore store, Clock clock, Executor refresher, Settings settings,
      BooleanSupplier storeDown) {
    this.store = store;
    this.clock = clock;
    this.refresher = refresher;
    this.settings = settings;
    this.storeDown = storeDown;
  }

  @Override
  public Optional<VirtualKey> findByHash(KeyHash hash) {
    Instant now = clock.instant();
    Entry cached = byHash.get(hash);
    if (cached != null) {
      Duration age = Duration.between(cached.fetchedAt(), now);
      if (cached.key().isEmpty() && age.compareTo(settings.negativeFor()) < 0) {
        return Optional.empty();
      }
      if (cached.key().isPresent() && age.compareTo(settings.refreshAfter()) < 0) {
        return cached.key();
      }
      if (cached.key().isPresent() && age.compareTo(settings.expireAfter()) < 0) {
        refreshInBackground(hash);
        return cached.key();
      }
    }
    if (storeDown.getAsBoolean()) {
      if (cached != null && cached.key().isPresent()) {
        return cached.key();
      }
      throw new StoreUnavailableException("the key store is unavailable and this key is not known here");
    }
    try {
      return fetch(hash);
    } catch (StoreUnavailableException e) {
      if (cached != null && cached.key().isPresent()) {
        return cached.key(); // last-known state while the store is down
      }
      throw e;
    }
  }

  @Override
  public void save(VirtualKey key) {
    store.save(key);
    forget(key.id()); // an old secret no longer opens it (or opens it only within its grace)
    put(key.hash(), Optional.of(key));
  }

  @Override
  public boolean delete(KeyId id) {
    boolean deleted = store.delete(id);
    forget(id);
    return deleted;
  }

  /** Drops every cached hash of this key (current and previous); admin changes are rare. */
  private void forget(KeyId id) {
    byHash.values().removeIf(e -> e.key().map(k -> k.id().equals(id)).orElse(false));
  }

  @Override
  public Optional<VirtualKey> findById(KeyId id) {
    return store.findById(id);
  }

  @Override
  public Optional<VirtualKey> findByAlias(TenantId tenant, String alias) {
    return store.findByAlias(tenant, alias); // an admin question: the store's index, uncached
  }

  @Override
  public List<VirtualKey> listByTenant(
      TenantId tenant, Optional<TeamId> team, int offset, int limit) {
    return store.listByTenant(tenant, team, offset, limit);
  }

  @Override
  public List<VirtualKey> listMatching(TenantId tenant, Optional<TeamId> team,
      dev.tollgate.domain.key.KeyFilter filter, java.time.Instant now, int offset, int limit) {
    return store.listMatching(tenant, team, filter, now, offset, limit);
  }

  private Optional<VirtualKey> fetch(KeyHash hash) {
    Optional<VirtualKey> found = store.findByHash(hash);
    put(hash, found);
    return found;
  }

  private void refreshInBackground(KeyHash hash) {
    if (refreshing.putIfAbsent(hash, Boolean.TRUE) != null) {
      return; // one refresh per key at a time
    }
    try {
      refresher.execute(() -> {
        try {
          fetch(hash);
        } catch (StoreUnavailableException e) {
          // keep serving the last-known state; the next request past refreshAfter tries again
        } finally {
          refreshing.remove(hash);
        }
      });
    } catch (RuntimeException rejected) {
      refreshing.remove(hash);
    }
  }

  private void put(KeyHash hash, Optional<VirtualKey> key) {
    if (byHash.size() >= settings.maxEntries() && !byHash.containsKey(hash)) {
      evictSome();
    }
    byHash.put(hash, new Entry(key, clock.instant()));
  }

  /** Drops about a tenth of the entries, negative ones first; bounded work. */
  private void evictSome() {
    int target = Math.max(1, settings.maxEntries() / 10);
    int removed = 0;
    for (Iterator<Entry> it = byHash.values().iterator(); it.hasNext() && removed < target; ) {
      if (it.next().key().isEmpty()) {
        it.remove();
        removed++;
      }
    }
    for (Iterator<Entry> it = byHash.values().iterator(); it.hasNext() && removed < target; ) {
      it.next();
      it.remove();
      removed++;
    }
  }
}
