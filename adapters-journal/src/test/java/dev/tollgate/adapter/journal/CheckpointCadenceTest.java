package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint is written at most once a {@link JournalSettings#checkpointInterval} while
 * batches follow each other, after a batch with nothing queued behind it, and at the close; a
 * crash replays what was forwarded since its last write, and the ledger counts each entry once.
 * Batches of 50 wait for a permit each ({@link FlakyLedger#gate}), so what is behind a batch when
 * it finishes is known.
 */
class CheckpointCadenceTest {

  /** Longer than any of these tests: no write comes from the interval passing. */
  private static final Duration NEVER_DUE = Duration.ofHours(1);

  @TempDir Path dir;
  @TempDir Path crashed;

  /** Batches of 50 (the appends fill one well within the delay), the last one sent after 300 ms. */
  private static JournalSettings settings(Path in, Duration checkpointInterval) {
    return new JournalSettings(in, 1 << 20, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(300), Duration.ofMillis(20), 10_000).withCheckpointInterval(checkpointInterval);
  }

  private static Position onDisk(Path in) throws IOException {
    return new Segments(in, 1 << 20).readCheckpoint();
  }

  private static Position end(Path in) throws IOException {
    return new Segments(in, 1 << 20).scan(Position.START, (bytes, at) -> { });
  }

  @Test
  void batches_with_entries_behind_them_leave_the_checkpoint_until_it_is_due_and_a_crash_replays_them_once()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir, NEVER_DUE))) {
      appendEntries(journal, "held");
      ledger.gate.release(2); // batches 1 and 2, each with entries behind it
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 20);
      copy(dir, crashed); // the disk as a SIGKILL now would leave it
      assertThat(onDisk(crashed)).isEqualTo(Position.START);

      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
      assertThat(onDisk(dir)).as("nothing was queued behind batch 3: written at once").isEqualTo(end(dir));
    }

    ledger.gate.drainPermits();
    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(crashed, NEVER_DUE))) {
      assertThat(restarted.unforwardedCount()).as("every entry, from the start").isEqualTo(120);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.sent.get()).as("120 forwarded, then all 120 replayed").isEqualTo(240);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(120);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).cost()).isEqualTo(Entries.costOfFirst(120));
  }

  @Test
  void a_batch_finishing_once_the_interval_has_passed_writes_the_checkpoint_and_a_crash_replays_only_what_follows()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir, Duration.ZERO))) {
      appendEntries(journal, "due");
      ledger.gate.release(); // batch 1, 70 behind it
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 70);
      assertThat(onDisk(dir)).isGreaterThan(Position.START);
      copy(dir, crashed);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }

    ledger.gate.drainPermits();
    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(crashed, Duration.ZERO))) {
      assertThat(restarted.unforwardedCount()).as("batches 2 and 3").isEqualTo(70);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.sent.get()).isEqualTo(190);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(120);
  }

  @Test
  void a_close_writes_the_checkpoint_past_everything_forwarded_so_a_restart_replays_only_the_rest()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir, NEVER_DUE))) {
      appendEntries(journal, "close");
      ledger.gate.release(); // batch 1, 70 behind it: no write before it is due
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 70);
      assertThat(onDisk(dir)).isEqualTo(Position.START);
    } // the close stops the forwarder waiting on batch 2
    assertThat(onDisk(dir)).isGreaterThan(Position.START);

    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(dir, NEVER_DUE))) {
      assertThat(restarted.unforwardedCount()).as("batches 2 and 3 only").isEqualTo(70);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.sent.get()).isEqualTo(120);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).cost()).isEqualTo(Entries.costOfFirst(120));
  }

  @Test
  void the_service_defaults_write_it_at_most_once_a_second() {
    assertThat(JournalSettings.defaults(dir).checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  /** 120 entries: batches of 50, 50 and 20. */
  private static void appendEntries(JournaledSpendLedger journal, String prefix) {
    for (int i = 0; i < 120; i++) {
      journal.append(Entries.entry(prefix, i));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
