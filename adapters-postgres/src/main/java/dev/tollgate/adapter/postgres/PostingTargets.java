package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.BudgetRow;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.port.out.BudgetStore.Settle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The budgeted scopes of a batch's postings, each with the account of the window its posting
 * falls in, read with one statement for the batch. A journal's batch names a few hundred distinct
 * chains of scopes (tenant, key, key and model, ...) across thousands of postings, so each chain's
 * scopes are made distinct and their storage keys built once, and a posting whose instant falls
 * in the windows its chain's last posting fell in reuses that posting's targets as they are:
 * {@code LedgerIngest}'s profile had rebuilding the keys and targets per posting at a tenth of a
 * drain's samples.
 */
final class PostingTargets {

  private static final Target[] NONE = {};

  /** One chain of scopes as postings share it: its budgeted scopes, and the last targets built. */
  private static final class Chain {
    private final List<Scope> distinct;
    private Scope[] budgeted;
    private Budget[] budgets;
    private Target[] last;

    private Chain(List<Scope> scopes) {
      this.distinct = ScopeKeys.distinct(scopes);
    }

    /** The targets of a posting at {@code at}: the last ones when every window still holds it. */
    private Target[] at(Instant at) {
      if (last != null && contains(last, at)) {
        return last;
      }
      Target[] targets = new Target[budgeted.length];
      for (int i = 0; i < budgeted.length; i++) {
        PeriodWindow window = budgets[i].period().windowAt(at);
        targets[i] = new Target(budgeted[i], budgets[i], window,
            new AccountKey(budgeted[i].storageKey(), window.start()));
      }
      last = targets;
      return targets;
    }

    private static boolean contains(Target[] targets, Instant at) {
      for (Target t : targets) {
        if (!t.window().contains(at)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Target[]> targets;

  private PostingTargets(List<Target[]> targets) {
    this.targets = targets;
  }

  /** The targets of each of {@code settles}, in their order. */
  static PostingTargets of(Tx tx, List<Settle> settles) {
    Map<List<Scope>, Chain> chains = new HashMap<>();
    List<Chain> chainOf = new ArrayList<>(settles.size());
    Map<String, Scope> scopes = new LinkedHashMap<>();
    for (Settle s : settles) {
      Chain chain = chains.get(s.scopes());
      if (chain == null) {
        chain = new Chain(s.scopes());
        chains.put(s.scopes(), chain);
        chain.distinct.forEach(sc -> scopes.putIfAbsent(sc.storageKey(), sc));
      }
      chainOf.add(chain);
    }
    Map<String, Budget> budgets = new HashMap<>();
    if (!scopes.isEmpty()) {
      for (BudgetRow row : tx.mapper(BudgetMapper.class).budgets(List.copyOf(scopes.keySet()))) {
        budgets.put(row.scopeKey(), BudgetRows.toBudget(scopes.get(row.scopeKey()), row));
      }
    }
    for (Chain chain : chains.values()) {
      List<Scope> budgeted = new ArrayList<>();
      List<Budget> theirs = new ArrayList<>();
      for (Scope scope : chain.distinct) {
        Budget budget = budgets.get(scope.storageKey());
        if (budget != null) {
          budgeted.add(scope);
          theirs.add(budget);
        }
      }
      chain.budgeted = budgeted.toArray(Scope[]::new);
      chain.budgets = theirs.toArray(Budget[]::new);
    }
    List<Target[]> targets = new ArrayList<>(settles.size());
    for (int i = 0; i < settles.size(); i++) {
      Chain chain = chainOf.get(i);
      targets.add(chain.budgeted.length == 0 ? NONE : chain.at(settles.get(i).heldAt()));
    }
    return new PostingTargets(targets);
  }

  /** The targets of the {@code i}th posting, in its chain's order (do not modify). */
  Target[] of(int i) {
    return targets.get(i);
  }

  /** Every account the postings touch, each once. */
  Set<AccountKey> accounts() {
    Set<AccountKey> accounts = new LinkedHashSet<>();
    Target[] previous = null;
    for (Target[] ts : targets) {
      if (ts == previous) {
        continue; // the same targets as the posting before: nothing new
      }
      for (Target t : ts) {
        accounts.add(t.account());
      }
      previous = ts;
    }
    return accounts;
  }
}
