package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryModelCatalog;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' snapshots over one shared catalog: a change is served where it was made at once,
 * on the other replica from its next refresh; a lookup never reads the store once a snapshot is
 * there; through an outage the last snapshot serves.
 */
class SnapshotModelCatalogTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final ModelName NEW = ModelName.of("org/new-model");

  private final SharedCatalog shared = new SharedCatalog();
  private final StoreHealth health = new StoreHealth(Clock.systemUTC(), true);
  private final SnapshotModelCatalog a = new SnapshotModelCatalog(shared, health);
  private final SnapshotModelCatalog b = new SnapshotModelCatalog(shared, health);

  @Test
  void a_change_on_one_replica_is_served_by_the_other_from_its_next_refresh() {
    a.seed(ModelSpec.of(ModelName.of("configured"), 10), T0);
    b.refresh();
    assertThat(b.find(NEW)).isEmpty();

    assertThat(a.add(ModelSpec.of(NEW, 100), ModelOrigin.RUNTIME, T0)).isTrue();
    assertThat(a.find(NEW)).isPresent();
    assertThat(b.find(NEW)).as("not before B's refresh").isEmpty();
    b.refresh();
    assertThat(b.model(NEW)).contains(new ServedModel(ModelSpec.of(NEW, 100), T0,
        ModelOrigin.RUNTIME));

    a.update(ModelSpec.of(NEW, 7));
    a.remove(ModelName.of("configured"));
    b.refresh();
    assertThat(b.find(NEW).orElseThrow().maxOutputTokens()).isEqualTo(7);
    assertThat(b.all()).extracting(ModelSpec::name).containsExactly(NEW);
  }

  @Test
  void lookups_read_the_snapshot_not_the_store() {
    a.seed(ModelSpec.of(NEW, 10), T0);
    int reads = shared.reads.get();
    for (int i = 0; i < 100; i++) {
      a.find(NEW);
      a.find(ModelName.of("unknown-" + i));
      a.served();
    }
    assertThat(shared.reads.get()).isEqualTo(reads);
  }

  @Test
  void through_an_outage_the_last_snapshot_serves() {
    a.add(ModelSpec.of(NEW, 10), ModelOrigin.RUNTIME, T0);
    b.refresh();
    shared.down.set(true);

    assertThatThrownBy(b::refresh).isInstanceOf(StoreUnavailableException.class);
    assertThat(b.find(NEW)).isPresent();
    assertThat(b.served()).hasSize(1);
    assertThat(health.isDegraded()).isTrue();
  }

  @Test
  void a_first_lookup_in_an_outage_fails_rather_than_guessing() {
    shared.down.set(true);
    assertThatThrownBy(() -> a.find(NEW)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void the_refresh_thread_picks_up_another_replicas_change() throws Exception {
    try (SnapshotModelCatalog fast = new SnapshotModelCatalog(shared, health,
        java.time.Duration.ofMillis(20)).start()) {
      assertThat(fast.find(NEW)).isEmpty();
      a.add(ModelSpec.of(NEW, 10), ModelOrigin.RUNTIME, T0);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (fast.find(NEW).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(fast.find(NEW)).isPresent();
    }
  }

  /** The shared store, counting whole-catalog reads, failing while down. */
  private static final class SharedCatalog implements ModelCatalog {
    final InMemoryModelCatalog store = new InMemoryModelCatalog();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger reads = new AtomicInteger();

    private void check() {
      if (down.get()) {
        throw new StoreUnavailableException("down");
      }
    }

    @Override
    public void seed(ModelSpec model, Instant now) {
      check();
      store.seed(model, now);
    }

    @Override
    public boolean add(ModelSpec model, ModelOrigin origin, Instant now) {
      check();
      return store.add(model, origin, now);
    }

    @Override
    public Optional<ServedModel> update(ModelSpec model) {
      check();
      return store.update(model);
    }

    @Override
    public Optional<ServedModel> remove(ModelName name) {
      check();
      return store.remove(name);
    }

    @Override
    public Optional<ModelSpec> find(ModelName name) {
      check();
      reads.incrementAndGet();
      return store.find(name);
    }

    @Override
    public List<ModelSpec> all() {
      check();
      reads.incrementAndGet();
      return store.all();
    }

    @Override
    public List<ServedModel> served() {
      check();
      reads.incrementAndGet();
      return store.served();
    }
  }
}
