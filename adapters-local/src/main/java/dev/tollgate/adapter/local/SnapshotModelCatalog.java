package dev.tollgate.adapter.local;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The served models as one in-memory snapshot of the shared catalog, read whole every
 * {@link #REFRESH_INTERVAL}: a request reads no database to find its model (an unknown name
 * included), a model added, changed or removed on another replica is served here within one
 * interval plus one read (docs/admin.md, "Models at run time"), and while the database is down
 * the last snapshot serves. A change made through this catalog is in its snapshot at once.
 *
 * <p>Refreshes and the snapshot updates of changes made here are serialized on one lock, so a
 * refresh that read before a change cannot install over it: the change's update waits for it.
 */
public final class SnapshotModelCatalog implements ModelCatalog, AutoCloseable {

  /** How often the whole catalog is read; a replica serves another's change within about this. */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = Logger.getLogger(SnapshotModelCatalog.class.getName());

  private record Snapshot(Map<ModelName, ServedModel> byName, List<ServedModel> ordered) {

    static Snapshot of(Map<ModelName, ServedModel> byName) {
      return new Snapshot(Map.copyOf(byName), byName.values().stream()
          .sorted(Comparator.comparing(m -> m.name().value())).toList());
    }
  }

  private final ModelCatalog store;
  private final StoreHealth health;
  private final Duration interval;
  private final Object lock = new Object();
  private volatile Snapshot snapshot;
  private volatile Thread thread;
  private volatile boolean closed;

  public SnapshotModelCatalog(ModelCatalog store, StoreHealth health) {
    this(store, health, REFRESH_INTERVAL);
  }

  SnapshotModelCatalog(ModelCatalog store, StoreHealth health, Duration interval) {
    this.store = store;
    this.health = health;
    this.interval = interval;
  }

  /** Starts refreshing on one daemon thread every interval; {@link #close} stops it. */
  public SnapshotModelCatalog start() {
    Thread t = Thread.ofPlatform().daemon().name("tollgate-model-snapshot").unstarted(this::loop);
    thread = t;
    t.start();
    return this;
  }

  /**
   * Reads the whole catalog and makes it the snapshot. A store that does not answer leaves the
   * last snapshot in place and throws.
   */
  public void refresh() {
    synchronized (lock) {
      try {
        List<ServedModel> all = store.served();
        Map<ModelName, ServedModel> byName = new HashMap<>();
        all.forEach(m -> byName.put(m.name(), m));
        snapshot = Snapshot.of(byName);
      } catch (StoreUnavailableException e) {
        health.unreachable(e);
        throw e;
      }
    }
  }

  @Override
  public void seed(ModelSpec model, java.time.Instant now) {
    store.seed(model, now);
    changed(m -> m.merge(model.name(), new ServedModel(model, now, ModelOrigin.CONFIGURED),
        (old, fresh) -> new ServedModel(model, old.addedAt(), ModelOrigin.CONFIGURED)));
  }

  @Override
  public boolean add(ModelSpec model, ModelOrigin origin, java.time.Instant now) {
    boolean added = store.add(model, origin, now);
    if (added) {
      changed(m -> m.put(model.name(), new ServedModel(model, now, origin)));
    }
    return added;
  }

  @Override
  public Optional<ServedModel> update(ModelSpec model) {
    Optional<ServedModel> updated = store.update(model);
    updated.ifPresent(u -> changed(m -> m.put(u.name(), u)));
    return updated;
  }

  @Override
  public Optional<ServedModel> remove(ModelName name) {
    Optional<ServedModel> removed = store.remove(name);
    removed.ifPresent(r -> changed(m -> m.remove(r.name())));
    return removed;
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return model(name).map(ServedModel::spec);
  }

  @Override
  public Optional<ServedModel> model(ModelName name) {
    return Optional.ofNullable(current().byName().get(name));
  }

  @Override
  public List<ModelSpec> all() {
    return served().stream().map(ServedModel::spec).toList();
  }

  @Override
  public List<ServedModel> served() {
    return current().ordered();
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /** The snapshot; the first call before any refresh reads the store on the caller's thread. */
  private Snapshot current() {
    Snapshot s = snapshot;
    if (s == null) {
      refresh();
      s = snapshot;
    }
    return s;
  }

  /** A change this replica made, in the snapshot now (the whole catalog read when there is none). */
  private void changed(Consumer<Map<ModelName, ServedModel>> change) {
    synchronized (lock) {
      Snapshot s = snapshot;
      if (s == null) {
        refresh();
        return;
      }
      Map<ModelName, ServedModel> byName = new HashMap<>(s.byName());
      change.accept(byName);
      snapshot = Snapshot.of(byName);
    }
  }

  private void loop() {
    while (!closed) {
      try {
        refresh();
      } catch (StoreUnavailableException e) {
        LOG.log(Level.FINE, "model catalog not refreshed; serving the last snapshot", e);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "model catalog refresh failed unexpectedly; retrying", e);
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
