package dev.tollgate.adapter.redis;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budgets and holds on Redis, each operation one script, so every replica sharing the Redis sees
 * one exact account per (scope, window): posted + held never passes a limit through holds. The
 * window arithmetic of {@code BudgetPeriod} is repeated in Lua (common.lua); accounts of ended
 * windows and hold records expire two days after they stop mattering, settled hold ids after 25
 * hours.
 *
 * <p>Redis here is a fast shared view, not the record of money: the ledger in PostgreSQL is. What
 * an empty Redis (a restart without persistence) means is in docs/economics.md, "Redis mode".
 */
public final class RedisBudgetStore implements BudgetStore {

  /** The most expired holds one sweep call drops, and the most calls one sweep makes. */
  static final int SWEEP_BATCH = 500;
  static final int SWEEP_ROUNDS = 100;
  /**
   * How long what the durable store held when a scope was learned stays held in Redis: as long
   * as a lease hold lives without renewal (adapters-local's default lease TTL), so every slice
   * then taken is spent, given back or lapsed by the time Redis frees it.
   */
  static final java.time.Duration LEARNED_HELD_TTL = java.time.Duration.ofSeconds(60);

  private final RedisConnection redis;
  private final Optional<BudgetStore> durable;

  /**
   * @param durable where budgets Redis lost are learned again (after it restarted empty): the
   *     definition and the current window's posted total; empty: a budget Redis does not know is
   *     no budget
   */
  public RedisBudgetStore(RedisConnection redis, Optional<BudgetStore> durable) {
    this.redis = redis;
    this.durable = durable;
  }

  @Override
  public void putBudget(Budget budget) {
    Map<String, String> fields = BudgetDefinitions.encode(budget);
    redis.call(c -> {
      c.hset(definitionKey(budget.scope()), fields);
      return c.del(noneKey(budget.scope()));
    });
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return redis.call(c -> {
      long removed = c.del(definitionKey(scope));
      c.set(noneKey(scope), "1");
      return removed > 0;
    });
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    var values = redis.call(c -> c.hmget(definitionKey(scope), "limit", "soft", "period"));
    if (!values.getFirst().hasValue()) {
      return Optional.empty();
    }
    return Optional.of(BudgetDefinitions.decode(scope, values.get(0).getValue(),
        values.get(1).getValue(), values.get(2).getValue()));
  }

  @Override
  public HoldOutcome placeHold(HoldRequest request) {
    List<?> reply = learning(Script.PLACE_HOLD, request.scopes(), holdArgs(request), request.now());
    return decodeHold(reply, request);
  }

  /** place_hold's arguments (hold_place, steps.lua); its keys are {@link #definitionKeys}. */
  List<String> holdArgs(HoldRequest request) {
    BudgetDefinitions.requireExact(request.amount());
    List<String> args = new ArrayList<>();
    args.add(redis.prefix());
    args.add(request.id().value());
    args.add(Long.toString(request.amount().nanoUsd()));
    args.add(millis(request.now()));
    args.add(millis(request.expiresAt()));
    request.scopes().forEach(s -> args.add(s.storageKey()));
    request.replacing().forEach(h -> args.add(h.value()));
    return args;
  }

  /** hold_place's answer as the port's. */
  static HoldOutcome decodeHold(List<?> reply, HoldRequest request) {
    return switch ((int) Replies.number(reply, 0)) {
      case 1 -> {
        long tightest = Replies.number(reply, 1);
        yield new HoldOutcome.Held(request.id(), request.amount(),
            tightest < 0 ? Optional.empty() : Optional.of(Money.ofNanoUsd(tightest)),
            Replies.number(reply, 2) == 1);
      }
      case 2 -> new HoldOutcome.Conflict(
          request.id(), Money.ofNanoUsd(Long.parseLong(Replies.text(reply, 1))));
      default -> {
        Scope scope = request.scopes().get((int) Replies.number(reply, 1) - 1);
        Budget budget = BudgetDefinitions.decode(scope, Replies.text(reply, 4),
            Replies.text(reply, 5), Replies.text(reply, 6));
        yield new HoldOutcome.Refused(budget, Money.ofNanoUsd(Replies.number(reply, 2)),
            budget.period().windowAt(request.now()), Money.ofNanoUsd(Replies.number(reply, 3)));
      }
    };
  }

  @Override
  public Settlement settle(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    List<?> reply = learning(Script.SETTLE, scopes, settleArgs(hold, scopes, heldAt, actual, now),
        now);
    return decodeSettlement(Replies.text(reply, 1), scopes);
  }

  /** settle's arguments (hold_settle, steps.lua); its keys are {@link #definitionKeys}. */
  List<String> settleArgs(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    BudgetDefinitions.requireExact(actual);
    List<String> args = new ArrayList<>();
    args.add(redis.prefix());
    args.add(hold.value());
    args.add(millis(heldAt));
    args.add(Long.toString(actual.nanoUsd()));
    args.add(millis(now));
    scopes.forEach(s -> args.add(s.storageKey()));
    return args;
  }

  @Override
  public boolean release(HoldId hold) {
    List<?> reply = Replies.list(redis.run(Script.RELEASE_HOLD, List.of(),
        List.of(redis.prefix(), hold.value())));
    return Replies.number(reply, 0) == 1;
  }

  /**
   * Page by page over the hold index ({@link #SWEEP_BATCH} per page, at most {@link #SWEEP_ROUNDS}
   * pages per call), each page one script.
   */
  @Override
  public int releaseAll(HoldPrefix prefix) {
    String pattern = globEscaped(prefix.value()) + "*";
    String cursor = "0";
    int released = 0;
    for (int round = 0; round < SWEEP_ROUNDS; round++) {
      List<?> reply = Replies.list(redis.run(Script.RELEASE_HOLDS, List.of(),
          List.of(redis.prefix(), pattern, cursor, Integer.toString(SWEEP_BATCH))));
      cursor = Replies.text(reply, 0);
      released += (int) Replies.number(reply, 1);
      if (cursor.equals("0")) {
        break;
      }
    }
    return released;
  }

  /** {@code text} matched literally by a Redis glob. */
  static String globEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if ("*?[]\\^-".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public int expireHolds(Instant now) {
    int changed = 0;
    for (int round = 0; round < SWEEP_ROUNDS; round++) {
      List<?> reply = Replies.list(redis.run(Script.EXPIRE_HOLDS, List.of(),
          List.of(redis.prefix(), millis(now), Integer.toString(SWEEP_BATCH))));
      changed += (int) Replies.number(reply, 0);
      if (Replies.number(reply, 1) < SWEEP_BATCH) {
        break;
      }
    }
    return changed;
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return snapshots(List.of(scope), now).stream().findFirst();
  }

  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    if (scopes.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    args.add(redis.prefix());
    args.add(millis(now));
    scopes.forEach(s -> args.add(s.storageKey()));
    List<?> reply = learning(Script.SNAPSHOTS, scopes, args, now);
    List<BudgetSnapshot> out = new ArrayList<>(scopes.size());
    for (int i = 0; i < scopes.size(); i++) {
      List<?> one = Replies.list(reply.get(i));
      if (Replies.number(one, 0) == 0) {
        continue;
      }
      Budget budget = BudgetDefinitions.decode(
          scopes.get(i), Replies.text(one, 1), Replies.text(one, 2), Replies.text(one, 3));
      Money posted = Money.ofNanoUsd(Long.parseLong(Replies.text(one, 4)));
      Money held = Money.ofNanoUsd(Long.parseLong(Replies.text(one, 5)));
      out.add(new BudgetSnapshot(budget, budget.period().windowAt(now), posted, held,
          budget.limit().minus(posted).minus(held)));
    }
    return out;
  }

  /**
   * Runs a script over {@code scopes}, first teaching Redis each scope it answers it lost (at
   * most once per scope): their definitions and current posted totals from the durable store.
   */
  private List<?> learning(Script script, List<Scope> scopes, List<String> args, Instant now) {
    List<String> keys = definitionKeys(scopes);
    for (int attempt = 0; attempt <= scopes.size(); attempt++) {
      List<?> reply = Replies.list(redis.run(script, keys, args));
      List<?> status = reply.getFirst() instanceof List<?> nested ? nested : reply;
      if (Replies.number(status, 0) != 3) {
        return reply;
      }
      learn(scopes.get((int) Replies.number(status, 1) - 1), now);
    }
    throw new StoreUnavailableException("Redis keeps forgetting budgets while they are learned");
  }

  /**
   * Learns a scope Redis lost: its definition and its current window's posted total, and what the
   * durable store holds on it (the lease slices of replicas serving from local state, which cover
   * the requests they run and the costs they have not posted yet) as one hold lapsing after
   * {@link #LEARNED_HELD_TTL}: a replica still on its leases spends them while the others use
   * Redis, and Redis must not hand the same money out again.
   */
  void learn(Scope scope, Instant now) {
    Optional<BudgetSnapshot> known = durable.flatMap(d -> d.snapshot(scope, now));
    List<String> args = new ArrayList<>(List.of(redis.prefix(), scope.storageKey(), millis(now)));
    if (known.isEmpty()) {
      args.add("none");
    } else {
      Map<String, String> def = BudgetDefinitions.encode(known.get().budget());
      args.addAll(List.of("budget", def.get("limit"), def.get("soft"), def.get("period"),
          Long.toString(BudgetDefinitions.requireExact(known.get().posted()).nanoUsd()),
          Long.toString(BudgetDefinitions.requireExact(known.get().held()).nanoUsd()),
          Long.toString(LEARNED_HELD_TTL.toMillis())));
    }
    redis.run(Script.SEED_BUDGET, List.of(definitionKey(scope)), args);
  }

  /**
   * One line per budgeted scope, matched to {@code scopes} by storage key: a retry with the same
   * scopes answers the first settlement again.
   */
  static Settlement decodeSettlement(String encoded, List<Scope> scopes) {
    Map<String, Scope> byKey = new HashMap<>();
    scopes.forEach(s -> byKey.putIfAbsent(s.storageKey(), s));
    List<Settlement.ScopeResult> results = new ArrayList<>();
    for (String line : encoded.isEmpty() ? new String[0] : encoded.split("\n")) {
      String[] f = line.split("\t");
      Scope scope = byKey.get(f[0]);
      if (scope != null) {
        results.add(new Settlement.ScopeResult(scope, new SettleResult(money(f[1]), money(f[2]),
            money(f[3]), "1".equals(f[4]), "1".equals(f[5]))));
      }
    }
    return new Settlement(results);
  }

  private static Money money(String nanoUsd) {
    return Money.ofNanoUsd(Long.parseLong(nanoUsd));
  }

  List<String> definitionKeys(List<Scope> scopes) {
    return scopes.stream().map(this::definitionKey).toList();
  }

  private String noneKey(Scope scope) {
    return redis.key("budget", "none", scope.storageKey());
  }

  private String definitionKey(Scope scope) {
    return redis.key("budget", "def", scope.storageKey());
  }

  private static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }
}
