package dev.tollgate.service;

import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.port.in.admin.KeyStatus;
import dev.tollgate.port.in.admin.ReadKeyStatus;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's own status, read with the key itself. A blocked or expired key may still read it (that
 * is how its holder learns why calls fail); it shows only that key's own, team's and tenant's
 * limits and the key's own spend.
 */
public final class KeyStatusService implements ReadKeyStatus {

  private final Stores stores;
  private final LimitAdminService limits;
  private final Clock clock;

  KeyStatusService(Stores stores, LimitAdminService limits, Clock clock) {
    this.stores = stores;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Answer status(String presentedKey) {
    Instant now = clock.instant();
    return switch (KeyLookup.find(stores.keys(), presentedKey, now)) {
      case KeyLookup.Refused refused -> new Refused(refused.denial());
      case KeyLookup.Found found -> new Status(statusOf(found.key(), now));
    };
  }

  private KeyStatus statusOf(VirtualKey key, Instant now) {
    List<ScopeLimits> scoped = new ArrayList<>(3);
    scoped.add(limits.read(Scope.key(key.id())));
    key.owner().team().ifPresent(t -> scoped.add(limits.read(Scope.team(key.owner().tenant(), t))));
    scoped.add(limits.read(Scope.tenant(key.owner().tenant())));
    PeriodWindow period = scoped.get(0).budget().map(b -> b.window())
        .filter(w -> !w.isLifetime())
        .orElseGet(() -> calendarMonth(now));
    Instant to = period.end().isAfter(now) ? now.plusSeconds(1) : period.end();
    Instant from = period.start().isBefore(to) ? period.start() : to.minusSeconds(1);
    return new KeyStatus(key, List.copyOf(scoped), period,
        stores.ledger().total(SpendQuery.forKey(key.owner().tenant(), key.id(), from, to)));
  }

  private static PeriodWindow calendarMonth(Instant now) {
    LocalDate first = now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    return new PeriodWindow(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
