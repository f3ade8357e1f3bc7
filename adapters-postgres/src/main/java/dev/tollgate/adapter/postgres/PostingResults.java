package dev.tollgate.adapter.postgres;

import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal posting's results as its claim row keeps them ({@code posted_on}, V28). A posting
 * settles a hold that never existed on this store, so on every budgeted scope its result is
 * {@code SettleResult(cost, 0, cost, missing, crossed)}: the scope and the soft-limit bit are all
 * that differ. Per position, in order: the scope's storage key as {@code <length>:<key>}, then
 * {@code +} when the posting crossed the scope's soft limit, else {@code -}. Length-prefixed, so
 * any character a storage key holds is safe.
 */
final class PostingResults {

  private PostingResults() {}

  /** Appends one position. */
  static void append(StringBuilder out, String scopeKey, boolean crossedSoftLimit) {
    out.append(scopeKey.length()).append(':').append(scopeKey).append(crossedSoftLimit ? '+' : '-');
  }

  /** The settlement a repeated settle answers, from the claim's cost and {@code postedOn}. */
  static Settlement decode(long costNanoUsd, String postedOn) {
    Money cost = Money.ofNanoUsd(costNanoUsd);
    List<Settlement.ScopeResult> results = new ArrayList<>();
    int i = 0;
    while (i < postedOn.length()) {
      int colon = postedOn.indexOf(':', i);
      if (colon < 0) {
        throw new IllegalStateException("a malformed posting result: " + postedOn);
      }
      int length = Integer.parseInt(postedOn, i, colon, 10);
      int end = colon + 1 + length;
      String scopeKey = postedOn.substring(colon + 1, end);
      char crossed = postedOn.charAt(end);
      if (crossed != '+' && crossed != '-') {
        throw new IllegalStateException("a malformed posting result: " + postedOn);
      }
      results.add(new Settlement.ScopeResult(ScopeKeys.parse(scopeKey),
          new SettleResult(cost, Money.ZERO, cost, true, crossed == '+')));
      i = end + 1;
    }
    return new Settlement(results);
  }
}
