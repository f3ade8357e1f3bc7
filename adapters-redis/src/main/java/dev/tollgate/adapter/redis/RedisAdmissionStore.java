package dev.tollgate.adapter.redis;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's slots, window counts and hold on Redis in one script on admission (admit.lua) and
 * one at its end (finish.lua): the same steps, keys and answers as {@link RedisSlotStore}, {@link
 * RedisRateWindowStore} and {@link RedisBudgetStore}, chained server-side, so a request costs two
 * round trips instead of six. A scope Redis lost is learned first (each at most once), as the
 * single stores do.
 */
public final class RedisAdmissionStore implements AdmissionStore {

  private final RedisConnection redis;
  private final RedisSlotStore slots;
  private final RedisRateWindowStore rates;
  private final RedisBudgetStore budgets;

  RedisAdmissionStore(RedisConnection redis, RedisSlotStore slots, RedisRateWindowStore rates,
      RedisBudgetStore budgets) {
    this.redis = redis;
    this.slots = slots;
    this.rates = rates;
    this.budgets = budgets;
  }

  @Override
  public Taken take(Take take) {
    List<Scope> scopes = take.scopes();
    HoldRequest hold = take.hold();
    List<List<String>> keys = List.of(slots.takeKeys(scopes), rates.countKeys(scopes),
        budgets.definitionKeys(scopes));
    List<List<String>> args = List.of(
        RedisSlotStore.takeArgs(take.holder(), take.slotExpiresAt(), take.now()),
        RedisRateWindowStore.countArgs(scopes, take.requests(), take.tokens(), take.now()),
        budgets.holdArgs(hold));
    List<?> reply = admit(keys, args, scopes, take.now());
    SlotOutcome slotted = RedisSlotStore.decodeTake(Replies.list(reply.get(1)), scopes);
    if (!(slotted instanceof SlotOutcome.Acquired acquired)) {
      return new Taken.SlotsBusy((SlotOutcome.Busy) slotted);
    }
    RateOutcome counted = RedisRateWindowStore.decodeCount(Replies.list(reply.get(2)), scopes);
    return switch (counted) {
      case RateOutcome.Limited limited -> new Taken.RateLimited(acquired.scopes(), limited);
      case RateOutcome.Acquired receipts -> new Taken.Holding(acquired.scopes(),
          receipts.receipts(), RedisBudgetStore.decodeHold(Replies.list(reply.get(3)), hold));
    };
  }

  /** Runs admit.lua, first teaching Redis each scope it answers it lost (at most once each). */
  private List<?> admit(List<List<String>> keys, List<List<String>> args, List<Scope> scopes,
      Instant now) {
    List<String> flatKeys = new ArrayList<>();
    List<String> flatArgs = new ArrayList<>();
    keys.forEach(k -> flatArgs.add(Integer.toString(k.size())));
    args.forEach(a -> flatArgs.add(Integer.toString(a.size())));
    keys.forEach(flatKeys::addAll);
    args.forEach(flatArgs::addAll);
    int bound = scopes.size() * 4; // one slot limit, two windows and one budget per scope
    for (int attempt = 0; attempt <= bound; attempt++) {
      List<?> reply = Replies.list(redis.run(Script.ADMIT, flatKeys, flatArgs));
      if (Replies.number(reply, 0) != 3) {
        return reply;
      }
      int index = (int) Replies.number(reply, 2);
      switch ((int) Replies.number(reply, 1)) {
        case 1 -> slots.learn(scopes.get(index - 1));
        case 2 -> rates.learnPair(scopes, index);
        default -> budgets.learn(scopes.get(index - 1), now);
      }
    }
    throw new StoreUnavailableException("Redis keeps forgetting limits while they are learned");
  }

  @Override
  public Settlement finish(Finish finish, Instant now) {
    boolean settles = finish.actual().isPresent();
    List<String> budgetKeys = settles ? budgets.definitionKeys(finish.scopes()) : List.of();
    List<String> budgetArgs = settles
        ? budgets.settleArgs(finish.hold(), finish.scopes(), finish.heldAt(),
            finish.actual().orElseThrow(), now)
        : List.of(redis.prefix(), finish.hold().value());
    List<String> keys = new ArrayList<>(budgetKeys);
    List<String> args = new ArrayList<>(List.of(settles ? "settle" : "release",
        Integer.toString(budgetKeys.size()), Integer.toString(finish.corrections().size()),
        Integer.toString(finish.slotScopes().size()), Integer.toString(budgetArgs.size())));
    args.addAll(budgetArgs);
    for (Correction c : finish.corrections()) {
      keys.addAll(rates.keys(c.receipt().scope(), c.receipt().kind()));
      args.add(Long.toString(c.receipt().bucketIndex()));
      args.add(Long.toString(c.delta()));
    }
    args.add(Long.toString(now.toEpochMilli()));
    args.add(finish.holder());
    keys.addAll(slots.holderKeys(finish.slotScopes()));
    for (int attempt = 0; attempt <= finish.scopes().size(); attempt++) {
      List<?> reply = Replies.list(redis.run(Script.FINISH, keys, args));
      if (Replies.number(reply, 0) == 3) {
        budgets.learn(finish.scopes().get((int) Replies.number(reply, 1) - 1), now);
        continue;
      }
      return settles
          ? RedisBudgetStore.decodeSettlement(Replies.text(Replies.list(reply.get(1)), 1),
              finish.scopes())
          : new Settlement(List.of());
    }
    throw new StoreUnavailableException("Redis keeps forgetting budgets while they are learned");
  }
}
