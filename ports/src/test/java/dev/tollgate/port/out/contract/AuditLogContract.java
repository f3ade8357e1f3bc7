package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AuditLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} promises. The log may hold other tests' entries (sequences are
 * global), so a test reads its own through a tenant filter, or picks its own out of a page.
 */
public abstract class AuditLogContract {

  /** A log for this test; it may hold other tests' entries, never ones of these tenants. */
  protected abstract AuditLog newLog();

  private final Fixtures f = new Fixtures();
  private AuditLog log;

  @BeforeEach
  void openLog() {
    log = newLog();
  }

  private AuditEntry entry(Optional<TenantId> tenant, int n) {
    return new AuditEntry(0, T0.plusSeconds(n), "actor-" + n, tenant, "key.update", "key",
        f.unique("object"), Map.of("alias", "old " + n), Map.of("alias", "new " + n));
  }

  private List<AuditEntry> appendFor(TenantId tenant, int count) {
    List<AuditEntry> stored = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      stored.add(log.append(entry(Optional.of(tenant), i)));
    }
    return stored;
  }

  @Test
  void appendAssignsIncreasingSequencesAndKeepsEverythingElse() {
    TenantId tenant = f.tenant();
    AuditEntry first = entry(Optional.of(tenant), 1);
    AuditEntry second = entry(Optional.of(tenant), 2);

    AuditEntry storedFirst = log.append(first);
    AuditEntry storedSecond = log.append(second);

    assertThat(storedFirst.sequence()).isPositive();
    assertThat(storedSecond.sequence()).isGreaterThan(storedFirst.sequence());
    assertThat(storedFirst).isEqualTo(first.withSequence(storedFirst.sequence()));
    assertThat(storedSecond).isEqualTo(second.withSequence(storedSecond.sequence()));
  }

  @Test
  void aTenantsEntriesComeNewestFirst() {
    TenantId tenant = f.tenant();
    List<AuditEntry> stored = appendFor(tenant, 5);

    assertThat(log.list(Optional.of(tenant), Optional.empty(), 10))
        .containsExactlyElementsOf(stored.reversed());
    assertThat(log.list(Optional.of(tenant), Optional.empty(), 2))
        .containsExactlyElementsOf(stored.reversed().subList(0, 2));
  }

  @Test
  void pagesByBeforeTileTheLogWithoutGapsOrRepeats() {
    TenantId tenant = f.tenant();
    List<AuditEntry> stored = appendFor(tenant, 23);

    List<AuditEntry> paged = new ArrayList<>();
    Optional<Long> before = Optional.empty();
    for (int page = 0; page < 4; page++) {
      List<AuditEntry> got = log.list(Optional.of(tenant), before, 10);
      paged.addAll(got);
      if (got.isEmpty()) {
        break;
      }
      before = Optional.of(got.getLast().sequence());
    }

    assertThat(paged).containsExactlyElementsOf(stored.reversed());
    long oldest = stored.getFirst().sequence();
    assertThat(log.list(Optional.of(tenant), Optional.of(oldest), 10)).isEmpty();
    assertThat(log.list(Optional.of(tenant), Optional.of(stored.get(3).sequence()), 10))
        .containsExactlyElementsOf(stored.subList(0, 3).reversed());
  }

  @Test
  void aTenantFilterNeverReturnsAnotherTenantsEntries() {
    TenantId a = f.tenant();
    TenantId b = f.tenant();
    List<AuditEntry> ofA = new ArrayList<>();
    List<AuditEntry> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      AuditEntry stored = log.append(entry(Optional.of(i % 3 == 0 ? a : b), i));
      AuditEntry platform = log.append(entry(Optional.empty(), 100 + i));
      if (i % 3 == 0) {
        ofA.add(stored);
      }
      all.add(stored);
      all.add(platform);
    }

    assertThat(log.list(Optional.of(a), Optional.empty(), 100))
        .containsExactlyElementsOf(ofA.reversed());
    assertThat(log.list(Optional.of(b), Optional.empty(), 100))
        .allSatisfy(e -> assertThat(e.tenant()).contains(b))
        .hasSize(4);
    assertThat(log.list(Optional.of(f.tenant()), Optional.empty(), 100)).isEmpty();
    Set<Long> ours = all.stream().map(AuditEntry::sequence).collect(Collectors.toSet());
    long afterOurs = all.getLast().sequence() + 1;
    List<AuditEntry> everyTenant = log.list(Optional.empty(), Optional.of(afterOurs), 1000).stream()
        .filter(e -> ours.contains(e.sequence()))
        .toList();
    assertThat(everyTenant).as("no tenant filter: every tenant's and the platform's")
        .containsExactlyElementsOf(all.reversed());
  }

  @Test
  void fieldMapsRoundTripExactly() {
    TenantId tenant = f.tenant();
    Map<String, String> before = new HashMap<>();
    before.put("name", "Zoë «Ünïcödé» 東京 🚀");
    before.put("quotes", "it's \"quoted\" and `ticked`");
    before.put("json", "{\"a\": [1, 2], \"b\": null}");
    before.put("escapes", "back\\slash \\n tab\tnewline\nend");
    before.put("empty", "");
    before.put("sql", "'); DROP TABLE audit_log; --");
    before.put("key with spaces.and.dots", "v");
    before.put("{array}", "{\"x\",\"y\"}");
    before.put("null", "NULL");
    Map<String, String> after = Map.of("name", "Zoé", "ключ", "значение");
    AuditEntry entry = new AuditEntry(0, T0.plusMillis(123), "cli:ops «ß»", Optional.of(tenant),
        "tenant.update", "tenant", tenant.value(), before, after);

    AuditEntry stored = log.append(entry);

    List<AuditEntry> read = log.list(Optional.of(tenant), Optional.empty(), 10);
    assertThat(read).containsExactly(stored);
    assertThat(read.getFirst().before()).isEqualTo(before);
    assertThat(read.getFirst().after()).isEqualTo(after);
    AuditEntry noFields = log.append(new AuditEntry(0, T0, "master-key", Optional.of(tenant),
        "tenant.delete", "tenant", tenant.value(), Map.of(), Map.of()));
    assertThat(log.list(Optional.of(tenant), Optional.empty(), 1)).containsExactly(noFields);
  }

  @Test
  void whatAppendAnswersIsWhatAListReadsBack() {
    TenantId tenant = f.tenant();
    AuditEntry precise = new AuditEntry(0, T0.plusNanos(123_456_789), "actor", Optional.of(tenant),
        "key.block", "key", f.unique("key"), Map.of("blocked", "false"), Map.of("blocked", "true"));

    AuditEntry stored = log.append(precise);

    assertThat(log.list(Optional.of(tenant), Optional.empty(), 10)).containsExactly(stored);
  }

  @Test
  void pagesAreBoundedByTheirLimit() {
    TenantId tenant = f.tenant();
    appendFor(tenant, 2);

    assertThat(log.list(Optional.of(tenant), Optional.empty(), 0)).isEmpty();
    assertThat(log.list(Optional.empty(), Optional.empty(), 1)).hasSize(1);
    assertThatThrownBy(() -> log.list(Optional.of(tenant), Optional.empty(), AuditLog.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.list(Optional.empty(), Optional.empty(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentAppendsGetDistinctSequencesAndAreAllListedNewestFirst() {
    TenantId tenant = f.tenant();
    int perThread = 10;

    List<List<AuditEntry>> stored = Parallel.run(Parallel.THREADS, thread -> {
      List<AuditEntry> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(log.append(entry(Optional.of(tenant), thread * 100 + i)));
      }
      return mine;
    });

    List<AuditEntry> all = stored.stream().flatMap(List::stream).toList();
    assertThat(all).extracting(AuditEntry::sequence).doesNotHaveDuplicates();
    stored.forEach(mine -> assertThat(mine).extracting(AuditEntry::sequence).isSorted());
    List<AuditEntry> listed = log.list(Optional.of(tenant), Optional.empty(), AuditLog.MAX_PAGE);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(all);
    assertThat(listed).extracting(AuditEntry::sequence)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
