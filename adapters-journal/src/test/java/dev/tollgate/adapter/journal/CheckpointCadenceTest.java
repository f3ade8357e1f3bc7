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
 * The checkpoint is written at most once a {@link Checkpoint#INTERVAL} while
 * batches follow each other, after a batch with nothing queued behind it, and at the close; a
 * crash replays what was forwarded since its last write, and the ledger counts each entry once.
 */
class CheckpointCadenceTest {

  @TempDir Path dir;
  @TempDir Path crashed;

  /** Batches of 50 (the appends fill one well within the delay), the last one sent after 300 ms. */
  private JournalSettings settings(Path in) {
    return new JournalSettings(in, 1 << 20, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(300), Duration.ofMillis(20), 10_000);
  }

  private Position onDisk(Path in) throws IOException {
    return new Segments(in, 1 << 20).readCheckpoint();
  }

  @Test
  void batches_with_entries_behind_them_move_the_checkpoint_once_an_interval_and_a_crash_replays_the_rest_once()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir))) {
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("cadence", i));
      }
      ledger.gate.release(); // batch 1 (50 entries), 70 behind it, within a second of the open
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 70);
      assertThat(onDisk(dir)).as("not written: the interval has not passed").isEqualTo(Position.START);

      Thread.sleep(Checkpoint.INTERVAL.plusMillis(100).toMillis());
      ledger.gate.release(); // batch 2, 20 behind it, an interval after the open
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 20);
      JournalOutageAndRecoveryTest.await(() -> {
        try {
          return onDisk(dir).compareTo(Position.START) > 0;
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Position afterTwo = onDisk(dir);

      copy(dir, crashed); // the machine as a SIGKILL now would leave it: batch 3 not forwarded
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
      assertThat(onDisk(dir)).as("written: nothing was queued behind batch 3").isGreaterThan(afterTwo);
    }

    ledger.gate.drainPermits();
    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(crashed))) {
      assertThat(restarted.unforwardedCount()).as("batch 3, replayed from the checkpoint").isEqualTo(20);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(120);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).cost()).isEqualTo(Entries.costOfFirst(120));
  }

  @Test
  void a_crash_before_the_first_write_replays_every_forwarded_entry_and_the_ledger_counts_each_once()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir))) {
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("replay", i));
      }
      ledger.gate.release(2); // batches 1 and 2, each with entries behind it
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 20);
      copy(dir, crashed);
      assertThat(onDisk(crashed)).isEqualTo(Position.START);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);
    }

    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(crashed))) {
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.sent.get()).as("120 forwarded, then all 120 replayed").isEqualTo(240);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(120);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).cost()).isEqualTo(Entries.costOfFirst(120));
  }

  @Test
  void a_close_writes_the_checkpoint_past_everything_forwarded_so_a_restart_replays_only_the_rest()
      throws Exception {
    FlakyLedger ledger = new FlakyLedger(new Semaphore(0));
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(dir))) {
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("close", i));
      }
      ledger.gate.release(); // batch 1, 70 behind it: no write within the interval
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 70);
      assertThat(onDisk(dir)).isEqualTo(Position.START);
    } // the close stops the forwarder waiting on batch 2
    assertThat(onDisk(dir)).isGreaterThan(Position.START);

    try (JournaledSpendLedger restarted = JournaledSpendLedger.open(ledger, settings(dir))) {
      assertThat(restarted.unforwardedCount()).as("batches 2 and 3 only").isEqualTo(70);
      ledger.gate.release(Integer.MAX_VALUE / 2);
      JournalOutageAndRecoveryTest.await(() -> restarted.unforwardedCount() == 0);
    }
    assertThat(ledger.sent.get()).isEqualTo(120);
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).cost()).isEqualTo(Entries.costOfFirst(120));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
