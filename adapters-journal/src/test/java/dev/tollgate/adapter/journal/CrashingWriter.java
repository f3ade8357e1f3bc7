package dev.tollgate.adapter.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for the kill -9 test: appends entries to a journal whose ledger is down and
 * reports each append on stdout once it returned, until it is killed (bounded: 100,000 entries).
 */
public final class CrashingWriter {

  private CrashingWriter() {}

  public static void main(String[] args) {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, new JournalSettings(
        Path.of(args[0]), 1 << 16, 1L << 30, Duration.ofMillis(20), 100, Duration.ofMillis(20),
        Duration.ofSeconds(5), 1000));
    for (int i = 0; i < 100_000; i++) {
      journal.append(Entries.entry("crash", i));
      System.out.println("appended " + i);
      System.out.flush();
    }
  }
}
