package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder overlaps a batch's second step with the next batch's first, and checkpoints a
 * batch only after both: what the journal counts forwarded is always appended and posted, and
 * batches post in the journal's order (a failed one is retried before any batch behind it posts).
 */
class PipelinedForwardingTest {

  @TempDir Path dir;

  private JournalSettings settings() {
    return new JournalSettings(dir, 1 << 20, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(5), Duration.ofMillis(20), 10_000);
  }

  @Test
  void the_next_batch_is_appended_while_one_posts_and_nothing_counts_forwarded_before_posted()
      throws Exception {
    TwoStepLedger ledger = new TwoStepLedger();
    CountDownLatch release = new CountDownLatch(1);
    ledger.holdFirstPosting = release;
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      ledger.journal = journal;
      for (int i = 0; i < 200; i++) {
        journal.append(Entries.entry("pipe", i));
      }
      assertThat(ledger.secondBatchAppended.await(10, TimeUnit.SECONDS))
          .as("batch 2 appended while batch 1 was still posting").isTrue();
      release.countDown();
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(ledger.violations).isEmpty();
    assertThat(ledger.posted).hasSize(200);
    assertThat(ledger.inner.total(all()).cost()).isEqualTo(Entries.costOfFirst(200));
  }

  @Test
  void a_failed_posting_is_retried_from_the_checkpoint_with_the_batch_appended_behind_it() {
    TwoStepLedger ledger = new TwoStepLedger();
    ledger.failPostings.set(3);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      ledger.journal = journal;
      for (int i = 0; i < 500; i++) {
        journal.append(Entries.entry("retry", i));
      }
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(ledger.failPostings.get()).isNegative();
    assertThat(ledger.violations).isEmpty();
    assertThat(ledger.posted).hasSize(500);
    assertThat(ledger.inner.total(all()).requests()).isEqualTo(500);
    assertThat(ledger.inner.total(all()).cost()).isEqualTo(Entries.costOfFirst(500));
  }

  @Test
  void a_batch_appended_behind_a_failed_posting_is_not_posted_before_it() {
    TwoStepLedger ledger = new TwoStepLedger();
    CountDownLatch release = new CountDownLatch(1);
    ledger.holdFirstPosting = release; // batch 1 posts late and fails, batch 2 appended meanwhile
    ledger.failPostings.set(1);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      ledger.journal = journal;
      for (int i = 0; i < 300; i++) {
        SpendEntry entry = Entries.entry("queued", i);
        ledger.order.add(entry.requestId());
        journal.append(entry);
      }
      JournalOutageAndRecoveryTest.await(() -> ledger.batches.get() >= 2);
      release.countDown();
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(ledger.failPostings.get()).isNegative();
    assertThat(ledger.violations).isEmpty();
    assertThat(ledger.posted).hasSize(300);
    assertThat(ledger.inner.total(all()).cost()).isEqualTo(Entries.costOfFirst(300));
  }

  @Test
  void what_was_not_checkpointed_is_appended_and_posted_again_after_a_restart_and_counted_once() {
    TwoStepLedger ledger = new TwoStepLedger();
    ledger.failPostings.set(Integer.MAX_VALUE); // every posting fails: nothing is checkpointed
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      ledger.journal = journal;
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("restart", i));
      }
      // the first batch is appended, and the one behind it while the first fails to post
      JournalOutageAndRecoveryTest.await(() -> ledger.inner.total(all()).requests() >= 50);
      assertThat(journal.unforwardedCount()).isEqualTo(120);
    }
    ledger.failPostings.set(0);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      ledger.journal = journal;
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(ledger.violations).isEmpty();
    assertThat(ledger.posted).hasSize(120);
    assertThat(ledger.inner.total(all()).requests()).isEqualTo(120);
  }

  private static SpendQuery all() {
    return SpendQuery.forTenant(dev.tollgate.domain.tenancy.TenantId.of("acme"),
        java.time.Instant.EPOCH, Entries.T0.plusSeconds(3600));
  }

  /**
   * A ledger whose second step "posts" (into a set, idempotent like the budget store's settlement
   * by hold id) and checks the order: a batch posts only what is in the ledger, and while it posts
   * the journal still counts it unforwarded.
   */
  private static final class TwoStepLedger implements SpendLedger {
    final InMemorySpendLedger inner = new InMemorySpendLedger();
    final Set<RequestId> posted = Collections.synchronizedSet(new HashSet<>());
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failPostings = new AtomicInteger();
    final CountDownLatch secondBatchAppended = new CountDownLatch(1);
    /** The journal's order of the entries, where a test records it: posted in it, or a violation. */
    final List<RequestId> order = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger postingNow = new AtomicInteger();
    volatile CountDownLatch holdFirstPosting;
    volatile JournaledSpendLedger journal;

    @Override
    public AppendStep appendAllInSteps(List<SpendEntry> entries) {
      List<AppendResult> results = inner.appendAll(entries);
      if (batches.incrementAndGet() == 2) {
        secondBatchAppended.countDown();
      }
      return () -> post(entries, results);
    }

    private List<AppendResult> post(List<SpendEntry> entries, List<AppendResult> results) {
      if (postingNow.incrementAndGet() != 1) {
        violations.add("two batches posting at once");
      }
      try {
        for (SpendEntry e : entries) {
          if (inner.find(e.requestId()).isEmpty()) {
            violations.add(e.requestId() + " posted before it was appended");
          }
        }
        synchronized (order) {
          int first = order.indexOf(entries.getFirst().requestId());
          for (int i = 0; i < first; i++) {
            if (!posted.contains(order.get(i))) {
              violations.add(entries.getFirst().requestId() + " posted before " + order.get(i));
              break;
            }
          }
        }
        if (journal != null && journal.unforwardedCount() < entries.size()) {
          violations.add("a batch counted forwarded before it was posted");
        }
        CountDownLatch hold = holdFirstPosting;
        if (hold != null) {
          holdFirstPosting = null;
          awaitQuietly(hold);
        }
        if (failPostings.getAndDecrement() > 0) {
          throw new StoreUnavailableException("simulated posting outage");
        }
        entries.forEach(e -> posted.add(e.requestId()));
        return results;
      } finally {
        postingNow.decrementAndGet();
      }
    }

    private static void awaitQuietly(CountDownLatch latch) {
      try {
        latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public AppendResult append(SpendEntry entry) {
      return appendAll(List.of(entry)).getFirst();
    }

    @Override
    public List<AppendResult> appendAll(List<SpendEntry> entries) {
      return appendAllInSteps(entries).finish();
    }

    @Override
    public Optional<SpendEntry> find(RequestId request) {
      return inner.find(request);
    }

    @Override
    public SpendTotal total(SpendQuery query) {
      return inner.total(query);
    }

    @Override
    public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
      return inner.entries(query, offset, limit);
    }
  }
}
