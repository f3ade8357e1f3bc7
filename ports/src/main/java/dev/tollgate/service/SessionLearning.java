package dev.tollgate.service;

import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Off the request path: reads from the ledger what each session this engine met recently spent
 * before it met it (on another replica, or in a run before a restart), and posts that on the
 * session's account ({@link SessionBudgetBook#learned}). Until then the session is counted from
 * its first request here; at most {@link SessionBudgetBook#MAX_UNLEARNED} reads per sweep.
 */
final class SessionLearning {

  private static final Logger LOG = Logger.getLogger(SessionLearning.class.getName());

  private final SessionBudgetBook sessions;
  private final Optional<SpendLedger> ledger;

  SessionLearning(SessionBudgetBook sessions, Optional<SpendLedger> ledger) {
    this.sessions = sessions;
    this.ledger = ledger;
  }

  /** One round: every session not learned yet, up to the bound; a failed read waits for the next. */
  void learn(Instant now) {
    if (ledger.isEmpty()) {
      return;
    }
    for (SessionBudgetBook.Unlearned u : sessions.unlearned(SessionBudgetBook.MAX_UNLEARNED)) {
      if (!(u.budget().scope() instanceof Scope.Session scope)) {
        continue; // never: a session budget's scope is its session
      }
      PeriodWindow window = u.budget().period().windowAt(now);
      Instant from = window.isLifetime() ? Instant.EPOCH : window.start();
      Money before = Money.ZERO;
      if (from.isBefore(u.before())) {
        try {
          before = ledger.get().total(SpendQuery.forKey(u.tenant(), scope.key(), from, u.before())
              .withSession(Optional.of(scope.session()))).cost();
        } catch (StoreRefusedException e) { // a ledger that cannot answer for one session
          LOG.log(Level.FINE, "session spend cannot be read from this ledger", e);
        } catch (StoreUnavailableException e) {
          LOG.log(Level.FINE, "session spend not read; next sweep", e);
          return;
        }
      }
      sessions.learned(u.budget(), window, before, now);
    }
  }
}
