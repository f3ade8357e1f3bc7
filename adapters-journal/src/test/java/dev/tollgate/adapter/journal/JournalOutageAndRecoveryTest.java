package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalOutageAndRecoveryTest {

  static final SpendQuery ALL =
      SpendQuery.forTenant(TenantId.of("acme"), Instant.EPOCH, Entries.T0.plusSeconds(3600));

  @TempDir Path dir;

  private JournalSettings settings() {
    return new JournalSettings(dir, 4096, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(5), Duration.ofMillis(50), 1000);
  }

  @Test
  void appends_keep_succeeding_through_an_outage_and_land_once_when_the_ledger_returns() {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      for (int i = 0; i < 300; i++) {
        assertThat(journal.append(Entries.entry("out", i))).isEqualTo(AppendResult.APPENDED);
      }
      assertThat(journal.unforwardedCount()).isEqualTo(300);

      ledger.down.set(false);
      await(() -> journal.unforwardedCount() == 0);

      assertThat(ledger.inner.total(ALL).requests()).isEqualTo(300);
      assertThat(journal.total(ALL).cost()).isEqualTo(Entries.costOfFirst(300));
    }
  }

  @Test
  void a_drain_returns_once_everything_written_is_in_the_ledger_and_gives_up_at_its_bound() {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      for (int i = 0; i < 40; i++) {
        journal.append(Entries.entry("drain", i));
      }
      assertThat(journal.drain(Duration.ofMillis(100))).as("the ledger is down").isFalse();
      assertThat(journal.unforwardedCount()).isEqualTo(40);

      ledger.down.set(false);

      assertThat(journal.drain(Duration.ofSeconds(30))).isTrue();
      assertThat(journal.unforwardedCount()).isZero();
      assertThat(ledger.inner.total(ALL).requests()).isEqualTo(40);
    }
  }

  @Test
  void entries_left_in_the_journal_are_replayed_after_a_restart_and_never_twice() {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      for (int i = 0; i < 120; i++) {
        journal.append(Entries.entry("restart", i));
      }
    }
    ledger.down.set(false);
    try (JournaledSpendLedger reopened = JournaledSpendLedger.open(ledger, settings())) {
      await(() -> reopened.unforwardedCount() == 0);
    }
    try (JournaledSpendLedger again = JournaledSpendLedger.open(ledger, settings())) {
      assertThat(again.unforwardedCount()).isZero();
      assertThat(again.total(ALL).requests()).isEqualTo(120);
      assertThat(again.total(ALL).cost()).isEqualTo(Entries.costOfFirst(120));
    }
  }

  @Test
  void a_segment_longer_than_recoverys_read_chunk_is_recovered_record_for_record() {
    JournalSettings big = new JournalSettings(dir, 64L << 20, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(5), Duration.ofMillis(50), 1000);
    int n = 20_000; // ~5 MB in one segment: records straddle recovery's 2 MB reads
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, big)) {
      for (int i = 0; i < n; i++) {
        journal.append(Entries.entry("chunk", i));
      }
    }
    try (JournaledSpendLedger reopened = JournaledSpendLedger.open(ledger, big)) {
      List<SpendEntry> recovered = reopened.unforwarded();
      assertThat(recovered).hasSize(n);
      for (int i = 0; i < n; i += 997) {
        assertThat(recovered.get(i)).isEqualTo(Entries.entry("chunk", i));
      }
      assertThat(recovered.getLast()).isEqualTo(Entries.entry("chunk", n - 1));
      ledger.down.set(false);
      await(() -> reopened.unforwardedCount() == 0);
      assertThat(reopened.total(ALL).cost()).isEqualTo(Entries.costOfFirst(n));
    }
  }

  @Test
  void tagged_entries_replayed_after_a_restart_keep_their_tags() {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    Tags tags = Tags.of("team:search", "feature.summarize");
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      for (int i = 0; i < 10; i++) {
        journal.append(Entries.entry("tagged", i).withTags(i % 2 == 0 ? tags : Tags.NONE));
      }
    }
    ledger.down.set(false);
    try (JournaledSpendLedger reopened = JournaledSpendLedger.open(ledger, settings())) {
      await(() -> reopened.unforwardedCount() == 0);
      for (int i = 0; i < 10; i++) {
        assertThat(ledger.find(RequestId.of("tagged-" + i)).orElseThrow().tags()).as("entry " + i)
            .isEqualTo(i % 2 == 0 ? tags : Tags.NONE);
      }
    }
  }

  @Test
  void a_record_torn_by_a_crash_is_cut_off_and_everything_before_it_survives() throws IOException {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      for (int i = 0; i < 5; i++) {
        journal.append(Entries.entry("torn", i));
      }
    }
    Path newest;
    try (var files = Files.list(dir)) {
      newest = files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted()
          .reduce((a, b) -> b).orElseThrow();
    }
    Files.write(newest, new byte[] {'T', 0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

    ledger.down.set(false);
    try (JournaledSpendLedger reopened = JournaledSpendLedger.open(ledger, settings())) {
      reopened.append(Entries.entry("torn", 5));
      await(() -> reopened.unforwardedCount() == 0);
      assertThat(reopened.total(ALL).requests()).isEqualTo(6);
    }
    try (JournaledSpendLedger third = JournaledSpendLedger.open(ledger, settings())) {
      assertThat(third.total(ALL).requests()).isEqualTo(6);
    }
  }

  @Test
  void a_duplicate_is_answered_locally_while_the_ledger_is_down() {
    FlakyLedger ledger = new FlakyLedger();
    ledger.down.set(true);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings())) {
      journal.append(Entries.entry("dup", 1));

      assertThat(journal.append(Entries.entry("dup", 1))).isEqualTo(AppendResult.EXISTS);
      assertThat(journal.find(RequestId.of("dup-1"))).isPresent();
    }
  }

  @Test
  void every_field_survives_the_journal_exactly() throws IOException {
    for (int i = 0; i < 50; i++) {
      var entry = Entries.entry("codec", i);
      assertThat(EntryCodec.decode(EntryCodec.encode(entry))).isEqualTo(entry);
    }
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
