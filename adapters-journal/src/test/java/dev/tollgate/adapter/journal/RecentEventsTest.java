package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.usage.TokenUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentEventsTest {

  @TempDir Path dir;

  /**
   * Random adds and lookups against a reference map with the same first-in, first-out bound:
   * every answer alike, through many wrap-arounds of the ring and backward shifts of the table.
   */
  @Test
  void answers_as_a_bounded_map_of_the_last_entries_would() {
    for (int capacity : new int[] {1, 2, 7, 64, 1000}) {
      Random random = new Random(capacity);
      RecentEvents recent = new RecentEvents(capacity);
      Map<RequestId, SpendEntry> reference = new LinkedHashMap<>();
      int pool = capacity * 3 + 5;
      for (int step = 0; step < 20_000; step++) {
        SpendEntry e = Entries.entry("r", random.nextInt(pool));
        if (random.nextBoolean()) {
          e = random.nextInt(4) == 0 ? Entries.entry("r", random.nextInt(pool)) : e;
          recent.add(RecentEvents.idHash(e.requestId()), RecentEvents.eventPrint(e));
          if (!reference.containsKey(e.requestId()) && reference.size() == capacity) {
            reference.remove(reference.keySet().iterator().next());
          }
          reference.put(e.requestId(), e);
        } else {
          SpendEntry known = reference.get(e.requestId());
          RecentEvents.Match expected = known == null ? RecentEvents.Match.NONE
              : known.sameEventAs(e) ? RecentEvents.Match.SAME : RecentEvents.Match.DIFFERENT;
          RecentEvents.Match found =
              recent.match(RecentEvents.idHash(e.requestId()), RecentEvents.eventPrint(e));
          assertThat(found).as("capacity %d, step %d", capacity, step).isEqualTo(expected);
        }
        assertThat(recent.size()).isEqualTo(reference.size());
      }
    }
  }

  @Test
  void the_print_ignores_only_the_recording_instant() {
    SpendEntry e = Entries.entry("p", 3);
    long print = RecentEvents.eventPrint(e);
    assertThat(RecentEvents.eventPrint(withRecordedAt(e))).isEqualTo(print);
    List<SpendEntry> others = List.of(
        Entries.entry("p", 4),
        copy(e, new TokenUsage(e.usage().inputTokens() + 1, e.usage().cachedInputTokens(),
            e.usage().cacheWriteInputTokens(), e.usage().outputTokens(), e.usage().reasoningTokens(),
            e.usage().cacheWrite1hInputTokens()), e.cost(), e.session(), e.tags()),
        copy(e, e.usage(), e.cost().plus(Money.ofNanoUsd(1)), e.session(), e.tags()),
        copy(e, e.usage(), e.cost(), Optional.of(SessionId.of("s-1")), e.tags()),
        copy(e, e.usage(), e.cost(), e.session(), Tags.of(List.of(Tag.of("a")))),
        copy(e, e.usage(), e.cost(), e.session(), Tags.of(List.of(Tag.of("a"), Tag.of("b")))));
    for (SpendEntry other : others) {
      assertThat(other.sameEventAs(e)).isFalse();
      assertThat(RecentEvents.eventPrint(other)).isNotEqualTo(print);
    }
  }

  @Test
  void a_hundred_thousand_ids_hash_apart() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(RecentEvents.idHash(RequestId.of("req-" + Long.toHexString(i))))).isTrue();
    }
  }

  @Test
  void a_forwarded_duplicate_is_answered_without_the_ledger_and_a_different_event_from_it() {
    FlakyLedger ledger = new FlakyLedger();
    JournalSettings settings = new JournalSettings(dir, 4096, 1L << 30, Duration.ofMillis(5), 50,
        Duration.ofMillis(5), Duration.ofMillis(50), 1000);
    try (JournaledSpendLedger journal = JournaledSpendLedger.open(ledger, settings)) {
      List<SpendEntry> entries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        entries.add(Entries.entry("fwd", i));
        journal.append(entries.get(i));
      }
      JournalOutageAndRecoveryTest.await(() -> journal.unforwardedCount() == 0);

      ledger.down.set(true); // the same event again needs no ledger
      assertThat(journal.append(withRecordedAt(entries.get(7)))).isEqualTo(AppendResult.EXISTS);
      ledger.down.set(false);
      SpendEntry different = copy(entries.get(7), entries.get(7).usage(),
          entries.get(7).cost().plus(Money.ofNanoUsd(5)), Optional.empty(), Tags.NONE);
      assertThat(journal.append(different))
          .isEqualTo(new AppendResult.ExistsWithDifferentEvent(entries.get(7)));
      assertThat(journal.unforwardedCount()).isZero();
    }
  }

  private static SpendEntry withRecordedAt(SpendEntry e) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), e.usage(),
        e.source(), e.cost(), e.priceEffectiveFrom(), e.startedAt(), e.recordedAt().plusSeconds(9),
        e.overage(), e.session(), e.tags());
  }

  private static SpendEntry copy(SpendEntry e, TokenUsage usage, Money cost,
      Optional<SessionId> session, Tags tags) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), usage,
        e.source(), cost, e.priceEffectiveFrom(), e.startedAt(), e.recordedAt(), e.overage(),
        session, tags);
  }
}
