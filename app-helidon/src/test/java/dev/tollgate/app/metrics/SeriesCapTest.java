package dev.tollgate.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The series cap: exact under races, the overflow made once, totals kept. */
class SeriesCapTest {

  @Test
  void theFirstMaxCombinationsGetASeriesAndTheRestShareOther() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SeriesCap<String, Counter> cap = new SeriesCap<>(3,
        k -> registry.counter("requests", "tenant", k),
        () -> registry.counter("requests", "tenant", SeriesCap.OTHER));
    for (String tenant : List.of("a", "b", "c", "d", "e", "a", "d")) {
      cap.get(tenant).increment();
    }
    assertThat(cap.size()).isEqualTo(3);
    assertThat(registry.get("requests").tag("tenant", "a").counter().count()).isEqualTo(2);
    assertThat(registry.get("requests").tag("tenant", "other").counter().count()).isEqualTo(3);
    assertThat(registry.get("requests").counters()).hasSize(4);
    assertThat(registry.get("requests").counters().stream().mapToDouble(Counter::count).sum())
        .isEqualTo(7);
  }

  @Test
  void racingThreadsNeverMakeMoreThanMaxSeries() throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger overflows = new AtomicInteger();
    SeriesCap<Integer, Object> cap = new SeriesCap<>(50, k -> {
      made.incrementAndGet();
      return new Object();
    }, () -> {
      overflows.incrementAndGet();
      return new Object();
    });
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t * 1_000;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 200; i++) {
          cap.get(offset + i % 100); // overlapping and distinct keys
          cap.get(i % 60);
        }
      }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(cap.size()).isEqualTo(50);
    assertThat(made.get()).isEqualTo(50);
    assertThat(overflows.get()).isEqualTo(1);
  }
}
