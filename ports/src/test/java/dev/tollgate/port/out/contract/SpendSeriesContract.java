package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.entry;
import static dev.tollgate.port.out.contract.Fixtures.nanos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.SpendLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link SpendLedger#series} promises: the same numbers as the ledger's own reports, to the
 * nano-dollar — its groups are {@link SpendLedger#breakdown} by the grouping, its days
 * {@code breakdown} by day, each top group's cells {@code breakdown} by day narrowed to that
 * group, and each day's other the rest of that day.
 */
public abstract class SpendSeriesContract {

  protected abstract SpendLedger newLedger();

  private static final Instant MIDNIGHT = Instant.parse("2030-03-13T00:00:00Z");

  private final Fixtures f = new Fixtures();

  /** 60 entries over four UTC days across teams (and none), keys, models and end users. */
  private List<SpendEntry> seed(SpendLedger ledger, TenantId tenant) {
    List<Owner> owners = List.of(Owner.team(tenant, TeamId.of("ml")), Owner.team(tenant, f.team()),
        Owner.tenant(tenant));
    List<KeyId> keys = List.of(f.keyId(), f.keyId(), f.keyId(), f.keyId());
    List<ModelName> models = List.of(f.model(), f.model(), f.model(), f.model(), f.model());
    String[] users = {"alice", "bob", null};
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant at = MIDNIGHT.plusSeconds(1800 + 5700L * i); // ~1.6 h apart: 4 days, partial ends
      SpendEntry e = entry(f.requestId(), owners.get(i % 3), keys.get(i % 4), models.get(i % 5),
          nanos((1_000_000_007L * (i + 1) * (i % 5 + 1)) % 999_999_937L), at);
      String user = users[i % 3 == 0 ? i / 3 % 3 : i % 3];
      SpendEntry named = user == null ? e : new SpendEntry(e.requestId(), e.owner(), e.key(),
          e.model(), Optional.of(EndUserId.of(user)), e.usage(), e.source(), e.cost(),
          e.priceEffectiveFrom(), e.startedAt(), e.recordedAt(), e.overage());
      entries.add(i % 4 == 3 ? named
          : named.withSession(Optional.of(SessionId.of("session-" + (i % 4)))));
    }
    ledger.appendAll(entries);
    return entries;
  }

  @ParameterizedTest
  @EnumSource(value = SpendGrouping.class, names = "DAY", mode = EnumSource.Mode.EXCLUDE)
  void aSeriesAnswersWhatTheReportsAnswerToTheNanoDollar(SpendGrouping grouping) {
    SpendLedger ledger = newLedger();
    TenantId tenant = f.tenant();
    List<SpendEntry> entries = seed(ledger, tenant);
    ledger.append(entry(f.requestId(), Owner.tenant(f.tenant()), f.keyId(), entries.get(0).model(),
        nanos(77), MIDNIGHT.plusSeconds(86_400 + 60))); // another tenant's, never counted
    List<SpendQuery> queries = List.of(
        SpendQuery.forTenant(tenant, MIDNIGHT, MIDNIGHT.plusSeconds(4 * 86_400)),
        SpendQuery.forTenant(tenant, MIDNIGHT.plusSeconds(7 * 3600),
            MIDNIGHT.plusSeconds(3 * 86_400 + 5 * 3600)),
        SpendQuery.forTenant(tenant, MIDNIGHT.plusSeconds(3600), MIDNIGHT.plusSeconds(9 * 3600)),
        new SpendQuery(Optional.of(tenant), Optional.of(TeamId.of("ml")), none(), none(),
            MIDNIGHT, MIDNIGHT.plusSeconds(4 * 86_400)),
        new SpendQuery(Optional.of(tenant), none(), none(), Optional.of(entries.get(2).model()),
            MIDNIGHT.plusSeconds(60), MIDNIGHT.plusSeconds(4 * 86_400)));
    for (SpendQuery q : queries) {
      for (int top : new int[] {1, 2, SpendSeries.MAX_TOP}) {
        SpendSeries s = ledger.series(q, grouping, top);
        String as = q + " by day and " + grouping + ", top " + top;
        assertThat(s.groups()).as(as).isEqualTo(ledger.breakdown(q, grouping));
        assertThat(s.total()).as(as).isEqualTo(ledger.total(q));
        assertThat(s.top()).as(as).isEqualTo(s.groups().stream()
            .sorted(Comparator.comparing((SpendGroup g) -> g.total().cost()).reversed()
                .thenComparing(SpendGroup::group))
            .limit(top).map(SpendGroup::group).toList());
        List<SpendGroup> byDay = ledger.breakdown(q, SpendGrouping.DAY);
        assertThat(s.days()).as(as).extracting(d -> new SpendGroup(d.day().toString(), d.total()))
            .isEqualTo(byDay);
        for (SpendSeries.Day d : s.days()) {
          SpendTotal sum = d.other();
          for (SpendGroup cell : d.groups()) {
            assertThat(cell.total()).as(as + " on " + d.day() + " for " + cell.group())
                .isEqualTo(reference(ledger, entries, q, grouping, cell.group(), d.day()));
            sum = sum.plus(cell.total().requests(), cell.total().cost(), cell.total().usage());
          }
          assertThat(sum).as(as + " on " + d.day()).isEqualTo(d.total());
          assertThat(d.groups()).extracting(SpendGroup::group).as(as + ": in top order")
              .isSubsetOf(s.top()).isSortedAccordingTo(Comparator.comparingInt(s.top()::indexOf));
        }
        if (top == SpendSeries.MAX_TOP) {
          assertThat(s.days()).as(as).allSatisfy(d -> assertThat(d.other()).isEqualTo(SpendTotal.NONE));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = SpendGrouping.class, names = "DAY", mode = EnumSource.Mode.EXCLUDE)
  void aSeriesListingItsCostliestGroupsSumsTheOthersToTheNanoDollar(SpendGrouping grouping) {
    SpendLedger ledger = newLedger();
    TenantId tenant = f.tenant();
    seed(ledger, tenant);
    SpendQuery q = SpendQuery.forTenant(tenant, MIDNIGHT.plusSeconds(7 * 3600),
        MIDNIGHT.plusSeconds(3 * 86_400 + 5 * 3600));
    for (int top : new int[] {1, 3}) {
      SpendSeries whole = ledger.series(q, grouping, top);
      for (int rows : new int[] {1, 2, 3, 1000}) {
        SpendSeries cut = ledger.series(q, grouping, top, rows);
        String as = grouping + ", top " + top + ", rows " + rows;
        assertThat(cut).as(as).isEqualTo(whole.listing(rows));
        assertThat(cut.groups()).as(as).hasSize(Math.min(rows, whole.groups().size()));
        assertThat(cut.groupsCount()).as(as).isEqualTo(ledger.breakdown(q, grouping).size());
        assertThat(cut.total()).as(as).isEqualTo(ledger.total(q));
        assertThat(cut.top()).as(as).isEqualTo(whole.top());
        assertThat(cut.days()).as(as).isEqualTo(whole.days());
      }
    }
  }

  /**
   * One group's spend on one day as the ledger's day breakdown narrowed to the group answers it
   * (the console's former per-group call); for a group no filter names (no team, no end user),
   * the sum of its entries.
   */
  private static SpendTotal reference(SpendLedger ledger, List<SpendEntry> entries, SpendQuery q,
      SpendGrouping grouping, String group, LocalDate day) {
    Optional<SpendQuery> narrowed = group.isEmpty() ? Optional.empty() : switch (grouping) {
      case TENANT, DAY -> Optional.of(q);
      case TEAM -> Optional.of(new SpendQuery(q.tenant(), Optional.of(TeamId.of(group)), q.key(),
          q.model(), q.endUser(), q.from(), q.to()));
      case KEY -> Optional.of(new SpendQuery(q.tenant(), q.team(), Optional.of(KeyId.of(group)),
          q.model(), q.endUser(), q.from(), q.to()));
      case MODEL -> Optional.of(new SpendQuery(q.tenant(), q.team(), q.key(),
          Optional.of(ModelName.of(group)), q.endUser(), q.from(), q.to()));
      case END_USER -> Optional.of(q.withEndUser(Optional.of(EndUserId.of(group))));
      case SESSION -> Optional.of(q.withSession(Optional.of(SessionId.of(group))));
    };
    if (narrowed.isPresent()) {
      return ledger.breakdown(narrowed.get(), SpendGrouping.DAY).stream()
          .filter(g -> g.group().equals(day.toString())).map(SpendGroup::total).findFirst()
          .orElse(SpendTotal.NONE);
    }
    SpendTotal t = SpendTotal.NONE;
    for (SpendEntry e : entries) {
      if (grouping.groupOf(e).equals(group) && !e.startedAt().isBefore(q.from())
          && e.startedAt().isBefore(q.to())
          && q.team().map(tm -> e.owner().team().equals(Optional.of(tm))).orElse(true)
          && q.model().map(m -> m.equals(e.model())).orElse(true)
          && LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC).equals(day)) {
        t = t.plus(1, e.cost(), e.usage());
      }
    }
    return t;
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }
}
