package dev.tollgate.adapter.journal;

import static dev.tollgate.adapter.journal.JournalOutageAndRecoveryTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose record fills a segment starts the next one and leaves the filled one to the
 * fsync thread, which forces and closes it in its next round: the request neither forces nor
 * closes a file (either waits for the disk; a roll's fsync stalled a load run's every connection
 * for 962 ms, docs/benchmarks.md, "Issue 14, twenty-eighth session"). Counted by the segment
 * files this process holds open ({@code /proc/self/fd}, Linux).
 */
class JournalRollTest {

  @TempDir Path dir;

  @BeforeEach
  void needsProc() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
  }

  @Test
  void theAppendsThatRollCloseNothingAndTheNextSyncClosesWhatTheyFilled() throws Exception {
    FlakyLedger ledger = new FlakyLedger();
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(Duration.ofSeconds(30)))) {
      appendAll(journal, 40);
      long made = newestSegment() + 1;
      assertThat(made).as("segments made").isGreaterThan(4);
      assertThat(openSegments()).as("every segment filled is still open: the fsync thread's, in 30 s")
          .isEqualTo(made);
      await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(openSegments()).as("the close forced and closed them all").isZero();
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(40);
  }

  @Test
  void theFsyncThreadClosesEverySegmentRolledPastLeavingTheTailOpen() throws Exception {
    FlakyLedger ledger = new FlakyLedger();
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings(Duration.ofMillis(5)))) {
      appendAll(journal, 200);
      await(() -> !journal.hasUnsyncedRecords() && openSegments() == 1);
      assertThat(newestSegment()).as("segments made").isGreaterThan(20);
      await(() -> journal.unforwardedCount() == 0);
    }
    assertThat(ledger.inner.total(JournalOutageAndRecoveryTest.ALL).requests()).isEqualTo(200);
  }

  private static void appendAll(JournaledSpendLedger journal, int n) {
    for (int i = 0; i < n; i++) {
      journal.append(Entries.entry("roll", i));
    }
  }

  /** 1 KiB segments (a roll every few records); the fsync thread's interval as given. */
  private JournalSettings settings(Duration fsyncInterval) {
    return new JournalSettings(dir, 1024, 1L << 30, fsyncInterval, 50, Duration.ofMillis(20),
        Duration.ofMillis(50), 1000);
  }

  /** The newest segment's number (forwarded ones are deleted, the one appended to never). */
  private long newestSegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segment-"))
          .mapToLong(n -> Long.parseLong(n.substring(8, 24))).max().orElseThrow();
    }
  }

  /** This process's open descriptors on a segment of this journal, deleted ones too. */
  private long openSegments() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(JournalRollTest::target)
          .filter(t -> t.startsWith(dir.toString()) && t.contains("segment-")).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed since the listing
    }
  }
}
