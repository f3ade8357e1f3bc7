package dev.tollgate.adapter.journal;

import static dev.tollgate.adapter.journal.JournalOutageAndRecoveryTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle journal's threads sleep until a record arrives: no timer wakes the fsync thread or the
 * forwarder while nothing is written (an idle replica spent CPU every 20 and 50 ms on them), and
 * the first record after an idle spell is still forced to disk and forwarded.
 */
class IdleJournalTest {

  private static final Set<String> NAMES =
      Set.of("tollgate-journal-forward", "tollgate-journal-fsync");

  @TempDir Path dir;

  @Test
  void idleThreadsWaitWithoutATimeoutAndTheNextRecordIsSyncedAndForwarded() throws Exception {
    FlakyLedger ledger = new FlakyLedger();
    Set<Thread> before = journalThreads();
    JournalSettings settings = new JournalSettings(dir, 1 << 20, 1L << 30, Duration.ofMillis(20),
        50, Duration.ofMillis(20), Duration.ofMillis(50), 1000);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings)) {
      Set<Thread> mine = journalThreads();
      mine.removeAll(before);
      assertThat(mine).extracting(Thread::getName).containsExactlyInAnyOrderElementsOf(NAMES);
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("idle", i));
      }
      await(() -> journal.unforwardedCount() == 0 && !journal.hasUnsyncedRecords());

      await(() -> mine.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
      Thread.sleep(200); // several fsync intervals and batch delays
      assertThat(mine).allMatch(t -> t.getState() == Thread.State.WAITING, "still untimed waits");

      journal.append(Entries.entry("idle", 120));
      assertThat(journal.hasUnsyncedRecords()).isTrue();
      await(() -> journal.unforwardedCount() == 0 && !journal.hasUnsyncedRecords());
    }
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(121);
  }

  private static Set<Thread> journalThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> NAMES.contains(t.getName()) && t.isAlive())
        .collect(Collectors.toSet());
  }
}
