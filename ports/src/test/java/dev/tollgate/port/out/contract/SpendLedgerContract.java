package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static dev.tollgate.port.out.contract.Fixtures.entry;
import static dev.tollgate.port.out.contract.Fixtures.nanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.SpendLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SpendLedger} promises: one entry per request id, idempotent appends in the
 * style of TigerBeetle's result codes, and totals that are the exact sum of the entries.
 */
public abstract class SpendLedgerContract {

  /** A ledger for this test; it may hold other tests' entries, never entries of these tenants. */
  protected abstract SpendLedger newLedger();

  private static final Instant FROM = T0.minusSeconds(86_400);
  private static final Instant TO = T0.plusSeconds(86_400);

  private final Fixtures f = new Fixtures();
  private SpendLedger ledger;

  @BeforeEach
  void openLedger() {
    ledger = newLedger();
  }

  private SpendEntry entryFor(Owner owner, Money cost, Instant startedAt) {
    return entry(f.requestId(), owner, f.keyId(), f.model(), cost, startedAt);
  }

  private static SpendTotal sum(Collection<SpendEntry> entries) {
    SpendTotal total = SpendTotal.NONE;
    for (SpendEntry e : entries) {
      total = total.plus(1, e.cost(), e.usage());
    }
    return total;
  }

  @Test
  void anAppendedEntryIsFoundByItsRequestId() {
    SpendEntry entry = entryFor(Owner.team(f.tenant(), f.team()), nanos(1_234_567), T0);

    assertThat(ledger.append(entry)).isEqualTo(new AppendResult.Appended());

    assertThat(ledger.find(entry.requestId())).contains(entry);
    assertThat(ledger.find(f.requestId())).isEmpty();
  }

  @Test
  void theSameEventAppendedAgainExistsAndIsRecordedOnce() {
    TenantId tenant = f.tenant();
    SpendEntry entry = entryFor(Owner.tenant(tenant), nanos(987_654_321), T0);
    ledger.append(entry);
    SpendEntry recordedLater =
        new SpendEntry(entry.requestId(), entry.owner(), entry.key(), entry.model(),
            entry.endUser(), entry.usage(), entry.source(), entry.cost(),
            entry.priceEffectiveFrom(), entry.startedAt(), entry.recordedAt().plusSeconds(60),
            entry.overage());

    assertThat(ledger.append(entry)).isEqualTo(new AppendResult.Exists());
    assertThat(ledger.append(recordedLater)).isEqualTo(new AppendResult.Exists());

    assertThat(ledger.find(entry.requestId())).contains(entry);
    SpendQuery all = SpendQuery.forTenant(tenant, FROM, TO);
    assertThat(ledger.entries(all, 0, 10)).containsExactly(entry);
    assertThat(ledger.total(all)).isEqualTo(sum(List.of(entry)));
  }

  @Test
  void anotherEventUnderARecordedRequestIdIsRefusedAndTheOriginalKept() {
    TenantId tenant = f.tenant();
    SpendEntry original = entryFor(Owner.tenant(tenant), nanos(500), T0);
    ledger.append(original);
    SpendEntry dearer =
        entry(original.requestId(), original.owner(), original.key(), original.model(),
            nanos(501), T0);

    assertThat(ledger.append(dearer))
        .isEqualTo(new AppendResult.ExistsWithDifferentEvent(original));

    assertThat(ledger.find(original.requestId())).contains(original);
    assertThat(ledger.total(SpendQuery.forTenant(tenant, FROM, TO)))
        .isEqualTo(sum(List.of(original)));
  }

  @Test
  void aBatchAnswersInItsOwnOrder() {
    Owner owner = Owner.tenant(f.tenant());
    SpendEntry first = entryFor(owner, nanos(10), T0);
    SpendEntry second = entryFor(owner, nanos(20), T0);
    SpendEntry clash = entry(first.requestId(), owner, first.key(), first.model(), nanos(11), T0);

    List<AppendResult> results = ledger.appendAll(List.of(first, second, first, clash));

    assertThat(results)
        .containsExactly(
            new AppendResult.Appended(),
            new AppendResult.Appended(),
            new AppendResult.Exists(),
            new AppendResult.ExistsWithDifferentEvent(first));
  }

  @Test
  void aBatchAppendedInStepsIsInTheLedgerAfterItsFirstAndAnswersAfterItsSecond() {
    TenantId tenant = f.tenant();
    SpendEntry first = entryFor(Owner.tenant(tenant), nanos(100), T0);
    SpendEntry second = entryFor(Owner.tenant(tenant), nanos(250), T0);
    ledger.append(first);

    SpendLedger.AppendStep step = ledger.appendAllInSteps(List.of(first, second));

    assertThat(ledger.find(second.requestId())).contains(second);
    assertThat(step.finish())
        .containsExactly(new AppendResult.Exists(), new AppendResult.Appended());
    assertThat(ledger.total(SpendQuery.forTenant(tenant, FROM, TO)))
        .isEqualTo(sum(List.of(first, second)));
  }

  @Test
  void totalsAreTheExactSumOfTheEntries() {
    Owner owner = Owner.tenant(f.tenant());
    long[] costs = {1, 7, 333_333_333, 999_999_999, 1_000_000_001, 123_456_789_123L, 0, 3};
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < costs.length; i++) {
      SpendEntry e = entryFor(owner, nanos(costs[i]), T0.plusSeconds(i));
      entries.add(e);
      ledger.append(e);
    }

    SpendTotal total = ledger.total(SpendQuery.forTenant(owner.tenant(), FROM, TO));

    assertThat(total).isEqualTo(sum(entries));
    assertThat(total.cost()).isEqualTo(nanos(125_790_122_467L));
    assertThat(ledger.total(SpendQuery.forTenant(f.tenant(), FROM, TO))).isEqualTo(SpendTotal.NONE);
  }

  @Test
  void queriesNarrowByTenantTeamKeyAndModel() {
    TenantId a = f.tenant();
    TeamId team = f.team();
    KeyId key = f.keyId();
    ModelName model = f.model();
    Owner inTeam = Owner.team(a, team);
    SpendEntry teamKeyModel = entry(f.requestId(), inTeam, key, model, nanos(1), T0);
    SpendEntry teamOtherKey = entry(f.requestId(), inTeam, f.keyId(), model, nanos(20), T0);
    SpendEntry noTeam = entry(f.requestId(), Owner.tenant(a), f.keyId(), f.model(), nanos(300), T0);
    SpendEntry keyOtherModel = entry(f.requestId(), inTeam, key, f.model(), nanos(4000), T0);
    SpendEntry otherTenant =
        entry(f.requestId(), Owner.tenant(f.tenant()), f.keyId(), model, nanos(50_000), T0);
    ledger.appendAll(List.of(teamKeyModel, teamOtherKey, noTeam, keyOtherModel, otherTenant));

    assertThat(ledger.total(SpendQuery.forTenant(a, FROM, TO)))
        .isEqualTo(sum(List.of(teamKeyModel, teamOtherKey, noTeam, keyOtherModel)));
    SpendQuery byTeam = new SpendQuery(Optional.of(a), Optional.of(team), none(), none(), FROM, TO);
    SpendQuery byKeyAndModel =
        new SpendQuery(Optional.of(a), none(), Optional.of(key), Optional.of(model), FROM, TO);
    SpendQuery byModelEverywhere =
        new SpendQuery(none(), none(), none(), Optional.of(model), FROM, TO);

    List<SpendEntry> teamEntries = List.of(teamKeyModel, teamOtherKey, keyOtherModel);
    assertThat(ledger.total(byTeam)).isEqualTo(sum(teamEntries));
    assertThat(ledger.total(SpendQuery.forKey(a, key, FROM, TO)))
        .isEqualTo(sum(List.of(teamKeyModel, keyOtherModel)));
    assertThat(ledger.total(byKeyAndModel)).isEqualTo(sum(List.of(teamKeyModel)));
    assertThat(ledger.total(byModelEverywhere))
        .as("no tenant means every tenant")
        .isEqualTo(sum(List.of(teamKeyModel, teamOtherKey, otherTenant)));
    assertThat(ledger.entries(byTeam, 0, 10)).containsExactlyElementsOf(teamEntries);
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  @Test
  void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
    Owner owner = Owner.tenant(f.tenant());
    Instant from = T0;
    Instant to = T0.plusSeconds(3600);
    SpendEntry before = entryFor(owner, nanos(1), from.minusSeconds(1));
    SpendEntry atStart = entryFor(owner, nanos(20), from);
    SpendEntry lastSecond = entryFor(owner, nanos(300), to.minusSeconds(1));
    SpendEntry atEnd = entryFor(owner, nanos(4000), to);
    ledger.appendAll(List.of(before, atStart, lastSecond, atEnd));

    SpendQuery range = SpendQuery.forTenant(owner.tenant(), from, to);

    assertThat(ledger.entries(range, 0, 10)).containsExactly(atStart, lastSecond);
    assertThat(ledger.total(range)).isEqualTo(sum(List.of(atStart, lastSecond)));
  }

  @Test
  void entriesComeInStartOrderThenRequestIdAndPagesTileThem() {
    Owner owner = Owner.tenant(f.tenant());
    List<SpendEntry> ordered = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Three entries per start instant, so ties are broken by request id.
      ordered.add(entryFor(owner, nanos(i + 1), T0.plusSeconds(i / 3)));
    }
    ledger.appendAll(ordered.reversed());
    SpendQuery all = SpendQuery.forTenant(owner.tenant(), FROM, TO);

    List<SpendEntry> paged = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      paged.addAll(ledger.entries(all, offset, 10));
    }

    assertThat(paged).containsExactlyElementsOf(ordered);
    assertThat(ledger.entries(all, 20, 10)).hasSize(3);
    assertThat(ledger.entries(all, 23, 10)).isEmpty();
    assertThat(ledger.entries(all, 0, 0)).isEmpty();
  }

  @Test
  void aPageLargerThanTheMaximumIsAProgrammerError() {
    SpendQuery all = SpendQuery.forTenant(f.tenant(), FROM, TO);

    assertThat(ledger.entries(all, 0, 10_000)).isEmpty();
    assertThatThrownBy(() -> ledger.entries(all, 0, 10_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBatchReplayedInPartAppendsOnlyWhatIsNewAndCountsItOnce() {
    TenantId tenant = f.tenant();
    Owner owner = Owner.tenant(tenant);
    SpendEntry recorded1 = entryFor(owner, nanos(1_000_000_007L), T0);
    SpendEntry recorded2 = entryFor(owner, nanos(2_000_000_011L), T0.plusSeconds(1));
    SpendEntry new1 = entryFor(owner, nanos(3_000_000_019L), T0.plusSeconds(2));
    SpendEntry new2 = entryFor(owner, nanos(4_000_000_007L), T0.plusSeconds(3));
    ledger.appendAll(List.of(recorded1, recorded2));

    // A journal replaying from its checkpoint: part of the batch is in the ledger already.
    List<AppendResult> results = ledger.appendAll(List.of(recorded1, new1, recorded2, new2));

    assertThat(results).containsExactly(new AppendResult.Exists(), new AppendResult.Appended(),
        new AppendResult.Exists(), new AppendResult.Appended());
    List<SpendEntry> all = List.of(recorded1, recorded2, new1, new2);
    SpendQuery query = SpendQuery.forTenant(tenant, FROM, TO);
    assertThat(ledger.total(query)).isEqualTo(sum(all));
    assertThat(ledger.entries(query, 0, 10)).containsExactlyElementsOf(all);
    assertThat(ledger.appendAll(all)).containsOnly(new AppendResult.Exists());
    assertThat(ledger.total(query)).isEqualTo(sum(all));
  }

  @RepeatedTest(5) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentAppendsOfTheSameEventsRecordEachExactlyOnce() {
    Owner owner = Owner.tenant(f.tenant());
    int events = 500; // each appended by all 16 threads: 8,000 appends
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Money oddCost = nanos(1_000_000_007L * (i + 1) % 999_999_937L);
      entries.add(entryFor(owner, oddCost, T0.plusSeconds(i)));
    }

    List<List<RequestId>> appendedPerThread =
        Parallel.run(
            Parallel.THREADS,
            thread -> {
              List<RequestId> appended = new ArrayList<>();
              for (int i = 0; i < events; i++) {
                // Every thread walks the same events in the same order, so they race on each id.
                SpendEntry e = entries.get(i);
                AppendResult result = ledger.append(e);
                assertThat(result).isNotInstanceOf(AppendResult.ExistsWithDifferentEvent.class);
                if (result instanceof AppendResult.Appended) {
                  appended.add(e.requestId());
                }
              }
              return appended;
            });

    List<RequestId> appended = appendedPerThread.stream().flatMap(List::stream).toList();
    assertThat(appended)
        .containsExactlyInAnyOrderElementsOf(entries.stream().map(SpendEntry::requestId).toList());
    SpendQuery all = SpendQuery.forTenant(owner.tenant(), FROM, TO);
    assertThat(ledger.total(all)).isEqualTo(sum(entries));
    assertThat(ledger.entries(all, 0, 1000)).containsExactlyElementsOf(entries);
  }

  /** Entries over three UTC days (the first and last partly) across teams, keys and models. */
  private List<SpendEntry> spreadOver3Days(TenantId tenant, ModelName shared) {
    TeamId ml = TeamId.of("ml");
    List<KeyId> keys = List.of(f.keyId(), f.keyId());
    List<ModelName> models = List.of(shared, f.model());
    List<Owner> owners = List.of(Owner.team(tenant, ml), Owner.team(tenant, f.team()),
        Owner.tenant(tenant));
    Instant dayStart = Instant.parse("2030-03-13T00:00:00Z");
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      // 36 entries, 2 hours apart from 01:00 on the first day: every combination occurs.
      Instant at = dayStart.plusSeconds(3600 + 7200L * i);
      entries.add(entry(f.requestId(), owners.get(i % 3), keys.get(i % 2), models.get(i / 6 % 2),
          nanos(1_000_000_007L * (i + 1) % 999_999_937L), at));
    }
    ledger.appendAll(entries);
    return entries;
  }

  private static SpendTotal sumOf(List<SpendGroup> groups) {
    SpendTotal total = SpendTotal.NONE;
    for (SpendGroup g : groups) {
      total = total.plus(g.total().requests(), g.total().cost(), g.total().usage());
    }
    return total;
  }

  @ParameterizedTest
  @EnumSource(SpendGrouping.class)
  void breakdownGroupsSumExactlyToTheTotal(SpendGrouping grouping) {
    TenantId tenant = f.tenant();
    ModelName shared = f.model();
    List<SpendEntry> entries = spreadOver3Days(tenant, shared);
    Owner otherTenant = Owner.tenant(f.tenant());
    ledger.append(entry(f.requestId(), otherTenant, f.keyId(), shared, nanos(77),
        Instant.parse("2030-03-14T12:00:00Z")));
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    List<SpendQuery> queries = List.of(
        SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(3 * 86_400)),
        SpendQuery.forTenant(tenant, midnight.plusSeconds(5 * 3600), midnight.plusSeconds(2 * 86_400 + 9 * 3600)),
        SpendQuery.forTenant(tenant, midnight.plusSeconds(3600), midnight.plusSeconds(3 * 3600)),
        new SpendQuery(Optional.of(tenant), Optional.of(TeamId.of("ml")), none(), none(),
            midnight, midnight.plusSeconds(2 * 86_400)),
        new SpendQuery(Optional.of(tenant), none(), Optional.of(entries.get(1).key()),
            Optional.of(shared), midnight.plusSeconds(60), midnight.plusSeconds(3 * 86_400)),
        new SpendQuery(none(), none(), none(), Optional.of(shared),
            midnight, midnight.plusSeconds(3 * 86_400)));

    for (SpendQuery query : queries) {
      List<SpendGroup> groups = ledger.breakdown(query, grouping);

      assertThat(sumOf(groups)).as("%s by %s", query, grouping).isEqualTo(ledger.total(query));
      assertThat(groups).extracting(SpendGroup::group)
          .as("ordered by group, each once")
          .doesNotHaveDuplicates()
          .isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(groups).allSatisfy(g -> assertThat(g.total().requests()).isPositive());
    }
  }

  @Test
  void breakdownByDayAndTeamNamesTheirGroups() {
    TenantId tenant = f.tenant();
    List<SpendEntry> entries = spreadOver3Days(tenant, f.model());
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    SpendQuery all = SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(3 * 86_400));

    List<SpendGroup> byDay = ledger.breakdown(all, SpendGrouping.DAY);
    List<SpendGroup> byTeam = ledger.breakdown(all, SpendGrouping.TEAM);

    assertThat(byDay).extracting(SpendGroup::group)
        .containsExactly("2030-03-13", "2030-03-14", "2030-03-15");
    assertThat(byDay.getFirst().total()).isEqualTo(sum(entries.subList(0, 12)));
    assertThat(byTeam).extracting(SpendGroup::group)
        .containsExactly("", "ml", entries.get(1).owner().team().orElseThrow().value());
    assertThat(byTeam.getFirst().total()).isEqualTo(sum(entries.stream()
        .filter(e -> e.owner().team().isEmpty()).toList()));
    assertThat(ledger.breakdown(SpendQuery.forTenant(f.tenant(), midnight, midnight.plusSeconds(60)),
        SpendGrouping.KEY)).isEmpty();
  }

  @Test
  void queriesNarrowByEndUserAndBreakDownByIt() {
    TenantId tenant = f.tenant();
    Owner owner = Owner.tenant(tenant);
    KeyId key = f.keyId();
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    List<SpendEntry> entries = new ArrayList<>();
    String[] users = {"alice", "bob", null};
    for (int i = 0; i < 9; i++) { // three days, whole and partial: rollup and raw rows both
      SpendEntry plain = entry(f.requestId(), owner, key, f.model(), nanos(1_000L + i * 37L),
          midnight.plusSeconds(3600 + 28_800L * i));
      String user = users[i % 3];
      entries.add(user == null ? plain : new SpendEntry(plain.requestId(), plain.owner(),
          plain.key(), plain.model(), Optional.of(EndUserId.of(user)), plain.usage(),
          plain.source(), plain.cost(), plain.priceEffectiveFrom(), plain.startedAt(),
          plain.recordedAt(), plain.overage()));
    }
    ledger.appendAll(entries);
    SpendQuery all = SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(3 * 86_400));
    SpendQuery alice = all.withEndUser(Optional.of(EndUserId.of("alice")));

    List<SpendEntry> alices = entries.stream()
        .filter(e -> e.endUser().equals(Optional.of(EndUserId.of("alice")))).toList();
    assertThat(ledger.total(alice)).isEqualTo(sum(alices));
    assertThat(ledger.entries(alice, 0, 100)).extracting(SpendEntry::requestId)
        .containsExactlyElementsOf(alices.stream().map(SpendEntry::requestId).toList());
    assertThat(ledger.total(all.withEndUser(Optional.of(EndUserId.of("nobody")))).requests())
        .isZero();
    List<SpendGroup> byUser = ledger.breakdown(all, SpendGrouping.END_USER);
    assertThat(byUser).extracting(SpendGroup::group).containsExactly("", "alice", "bob");
    assertThat(byUser.get(1).total()).isEqualTo(sum(alices));
    assertThat(sumOf(byUser)).isEqualTo(ledger.total(all));
    assertThat(ledger.breakdown(alice, SpendGrouping.DAY)).extracting(SpendGroup::group)
        .containsExactly("2030-03-13", "2030-03-14", "2030-03-15");
  }

  @Test
  void queriesNarrowBySessionAndBreakDownByIt() {
    TenantId tenant = f.tenant();
    Owner owner = Owner.tenant(tenant);
    KeyId key = f.keyId();
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    List<SpendEntry> entries = new ArrayList<>();
    String[] sessions = {"9f0c-claude-a", "9f0c-claude-b", null};
    for (int i = 0; i < 9; i++) { // three days, whole and partial: rollup and raw rows both
      SpendEntry plain = entry(f.requestId(), owner, key, f.model(), nanos(2_000L + i * 41L),
          midnight.plusSeconds(3600 + 28_800L * i));
      String session = sessions[i % 3];
      entries.add(plain.withSession(Optional.ofNullable(session).map(SessionId::of)));
    }
    ledger.appendAll(entries);
    SpendQuery all = SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(3 * 86_400));
    SpendQuery a = all.withSession(Optional.of(SessionId.of("9f0c-claude-a")));

    List<SpendEntry> as = entries.stream()
        .filter(e -> e.session().equals(Optional.of(SessionId.of("9f0c-claude-a")))).toList();
    assertThat(ledger.find(as.get(0).requestId()).orElseThrow().session())
        .contains(SessionId.of("9f0c-claude-a"));
    assertThat(ledger.total(a)).isEqualTo(sum(as));
    assertThat(ledger.entries(a, 0, 100)).extracting(SpendEntry::requestId)
        .containsExactlyElementsOf(as.stream().map(SpendEntry::requestId).toList());
    assertThat(ledger.total(all.withSession(Optional.of(SessionId.of("none")))).requests())
        .isZero();
    List<SpendGroup> bySession = ledger.breakdown(all, SpendGrouping.SESSION);
    assertThat(bySession).extracting(SpendGroup::group)
        .containsExactly("", "9f0c-claude-a", "9f0c-claude-b");
    assertThat(bySession.get(1).total()).isEqualTo(sum(as));
    assertThat(sumOf(bySession)).isEqualTo(ledger.total(all));
  }

  @Test
  void entriesKeepTheirTagsAndReportsNarrowAndGroupByThem() {
    TenantId tenant = f.tenant();
    Owner owner = Owner.tenant(tenant);
    KeyId key = f.keyId();
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    List<Tags> tags = List.of(Tags.of("team:search"), Tags.of("team:search", "feature.summarize"),
        Tags.NONE, Tags.of("feature.summarize", "env=prod", "a.b-c_d@e=f"));
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // three days, whole and partial: rollup and raw rows both
      entries.add(entry(f.requestId(), owner, key, f.model(), nanos(3_000L + i * 43L),
          midnight.plusSeconds(3600 + 21_600L * i)).withTags(tags.get(i % tags.size())));
    }
    ledger.appendAll(entries);
    SpendEntry twoTags = entries.get(1);
    assertThat(ledger.find(twoTags.requestId()).orElseThrow().tags()).isEqualTo(twoTags.tags());
    assertThat(ledger.find(entries.get(2).requestId()).orElseThrow().tags()).isEqualTo(Tags.NONE);
    assertThat(ledger.append(twoTags.withTags(Tags.of("feature.summarize", "team:search"))))
        .as("the same tags in another order are the same event")
        .isInstanceOf(AppendResult.Exists.class);

    SpendQuery all = SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(3 * 86_400));
    SpendQuery search = all.withTag(Optional.of(Tag.of("team:search")));
    List<SpendEntry> searches =
        entries.stream().filter(e -> e.tags().contains(Tag.of("team:search"))).toList();
    assertThat(ledger.total(search)).isEqualTo(sum(searches));
    assertThat(ledger.entries(search, 0, 100)).extracting(SpendEntry::requestId)
        .containsExactlyElementsOf(searches.stream().map(SpendEntry::requestId).toList());
    assertThat(ledger.total(all.withTag(Optional.of(Tag.of("team")))).requests())
        .as("a tag is matched whole, never as a prefix").isZero();

    List<SpendGroup> byTag = ledger.breakdown(all, SpendGrouping.TAG);
    assertThat(byTag).extracting(SpendGroup::group).containsExactly(
        "", "a.b-c_d@e=f", "env=prod", "feature.summarize", "team:search");
    for (SpendGroup g : byTag) {
      assertThat(g.total()).as(g.group()).isEqualTo(sum(entries.stream()
          .filter(e -> SpendGrouping.TAG.groupsOf(e).contains(g.group())).toList()));
    }
    SpendTotal overlapping = SpendTotal.NONE;
    for (SpendEntry e : entries) { // an entry counts once per tag: the groups overlap
      for (int n = 0; n < Math.max(1, e.tags().values().size()); n++) {
        overlapping = overlapping.plus(1, e.cost(), e.usage());
      }
    }
    assertThat(sumOf(byTag)).isEqualTo(overlapping);
    assertThat(ledger.breakdown(search, SpendGrouping.TAG)).extracting(SpendGroup::group)
        .containsExactly("feature.summarize", "team:search");
  }
}
