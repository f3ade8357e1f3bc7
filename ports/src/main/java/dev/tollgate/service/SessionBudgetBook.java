package dev.tollgate.service;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetAccount;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldResult;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of session budgets (a key's per-session budget applied to one client session),
 * counted by this engine: one {@link BudgetAccount} per session and window, held, settled and
 * released as every budget is. A session's budget is its key's template, so a session this engine
 * has never seen is counted from its first request with no read of any store: the hot path stays
 * free of round trips however many sessions start. What this engine cannot know is a session's
 * spend elsewhere (another replica, a run before a restart); that is learned from the ledger in
 * the background ({@link #unlearned}, {@link #learned}). See docs/economics.md, "Session budgets".
 *
 * <p>At most {@link #MAX_SESSIONS} sessions are kept; beyond, the least recently used one that
 * holds nothing is forgotten (its spend is learned again from the ledger if it comes back).
 * Thread-safe: every method runs under this object's lock, none does I/O.
 */
final class SessionBudgetBook {

  static final int MAX_SESSIONS = 100_000;
  /** Sessions waiting for their spend elsewhere to be read from the ledger. */
  static final int MAX_UNLEARNED = 10_000;
  /** How many least recently used sessions an insertion looks at for one to forget. */
  private static final int EVICTION_SCAN = 64;

  /** One session: its budget as last applied, its account per window, when this engine met it. */
  private static final class Session {
    Budget budget;
    final TenantId tenant;
    final Instant firstSeen;
    final Map<PeriodWindow, BudgetAccount> accounts = new LinkedHashMap<>(2);
    boolean learned;

    Session(Budget budget, TenantId tenant, Instant firstSeen) {
      this.budget = budget;
      this.tenant = tenant;
      this.firstSeen = firstSeen;
    }

    BudgetAccount accountAt(Instant at) {
      PeriodWindow window = budget.period().windowAt(at);
      BudgetAccount account = accounts.computeIfAbsent(window, w ->
          new BudgetAccount(budget.limit(), budget.softLimit(), w));
      // The current window and the one before it (late settlements); older ones once idle.
      Iterator<Map.Entry<PeriodWindow, BudgetAccount>> it = accounts.entrySet().iterator();
      while (accounts.size() > 2 && it.hasNext()) {
        Map.Entry<PeriodWindow, BudgetAccount> e = it.next();
        if (!e.getKey().equals(window) && e.getValue().holdCount() == 0) {
          it.remove();
        }
      }
      return account;
    }

    boolean holdsNothing() {
      return accounts.values().stream().allMatch(a -> a.holdCount() == 0);
    }
  }

  /** A session whose spend elsewhere before {@code before} is still to be read. */
  record Unlearned(Budget budget, TenantId tenant, Instant before) {}

  /** The outcome of a hold on a session's budget. */
  sealed interface Outcome {
    /** Held; {@code remaining} is what the session has left after it. */
    record Held(Money remaining) implements Outcome {}

    /** The session's budget cannot cover the amount; nothing was held. */
    record Refused(Budget budget, Money available, PeriodWindow window, Money held)
        implements Outcome {}
  }

  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);

  /** Holds {@code amount} on {@code budget}'s session for the window {@code now} falls in. */
  synchronized Outcome hold(Budget budget, TenantId tenant, HoldId id, Money amount, Instant now,
      Instant expiresAt) {
    Session s = session(budget, tenant, now);
    BudgetAccount account = s.accountAt(now);
    HoldResult result = account.hold(id, amount, expiresAt, now);
    return switch (result) {
      case HoldResult.Placed p -> new Outcome.Held(account.available());
      case HoldResult.AlreadyHeld a -> new Outcome.Held(account.available());
      case HoldResult.HeldWithDifferentAmount d -> new Outcome.Held(account.available());
      case HoldResult.Insufficient i ->
          new Outcome.Refused(s.budget, i.available(), account.window(), account.held());
    };
  }

  /** Posts {@code actual} in the window {@code heldAt} falls in and releases the rest of the hold. */
  synchronized void settle(Budget budget, TenantId tenant, HoldId id, Instant heldAt, Money actual,
      Instant now) {
    session(budget, tenant, now).accountAt(heldAt).settle(id, actual);
  }

  /** Voids the hold wherever this engine holds it. */
  synchronized void release(String sessionKey, HoldId id) {
    Session s = sessions.get(sessionKey);
    if (s != null) {
      s.accounts.values().forEach(a -> a.release(id));
    }
  }

  /** Drops expired holds of every session. */
  synchronized void expire(Instant now) {
    sessions.values().forEach(s -> s.accounts.values().forEach(a -> a.expire(now)));
  }

  /** Sessions whose spend before this engine met them is still to be read, at most {@code max}. */
  synchronized List<Unlearned> unlearned(int max) {
    List<Unlearned> out = new ArrayList<>(Math.min(max, 64));
    for (Session s : sessions.values()) {
      if (out.size() >= max) {
        break;
      }
      if (!s.learned) {
        out.add(new Unlearned(s.budget, s.tenant, s.firstSeen));
      }
    }
    return out;
  }

  /**
   * What the ledger showed for a session before this engine met it: posted on its account for
   * {@code window} (the window of the read; an ended one is of no more use), once.
   */
  synchronized void learned(Budget budget, PeriodWindow window, Money before, Instant now) {
    Session s = sessions.get(budget.scope().storageKey());
    if (s == null || s.learned) {
      return;
    }
    s.learned = true;
    if (before.isPositive() && window.equals(s.budget.period().windowAt(now))) {
      s.accountAt(now).settle(HoldId.of("learned:" + s.firstSeen), before);
    }
  }

  /** The budget a request in {@code session} counts against: its key's template, if any. */
  static Optional<Budget> budgetOf(VirtualKey key, Optional<SessionId> session) {
    return key.sessionBudget().flatMap(t -> session.map(s -> t.forSession(key.id(), s)));
  }

  /** Posts the ticket's cost on its session's budget, if it held on one. */
  void settle(AdmissionTicket ticket, Money actual, Instant now) {
    if (ticket.sessionHeld()) {
      budgetOf(ticket.key(), ticket.session()).ifPresent(b ->
          settle(b, ticket.key().owner().tenant(), ticket.hold(), ticket.startedAt(), actual, now));
    }
  }

  /** Voids the ticket's hold on its session's budget, if it held on one. */
  void release(AdmissionTicket ticket) {
    ticket.sessionScope().ifPresent(scope -> release(scope.storageKey(), ticket.hold()));
  }

  /** How many sessions this engine keeps now. */
  synchronized int size() {
    return sessions.size();
  }

  private Session session(Budget budget, TenantId tenant, Instant now) {
    String key = budget.scope().storageKey();
    Session s = sessions.get(key);
    if (s == null) {
      forgetOneIfFull();
      s = new Session(budget, tenant, now);
      sessions.put(key, s);
    } else if (!s.budget.equals(budget)) { // the key's template changed: spend carries over
      if (!s.budget.period().equals(budget.period())) {
        s.accounts.entrySet().removeIf(e -> e.getValue().holdCount() == 0);
      }
      s.budget = budget;
      s.accounts.values().forEach(a -> a.changeLimit(budget.limit(), budget.softLimit()));
    }
    return s;
  }

  private void forgetOneIfFull() {
    if (sessions.size() < MAX_SESSIONS) {
      return;
    }
    Iterator<Session> it = sessions.values().iterator();
    for (int i = 0; i < EVICTION_SCAN && it.hasNext(); i++) {
      if (it.next().holdsNothing()) {
        it.remove();
        return;
      }
    }
    // Every session looked at holds something: kept, the map briefly above its bound (each
    // one's holds are bounded by requests in flight and lapse with them).
  }
}
