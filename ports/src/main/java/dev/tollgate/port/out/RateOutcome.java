package dev.tollgate.port.out;

import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import java.util.List;

/** The result of counting one request in every applicable rate window. */
public sealed interface RateOutcome {

  /** Counted everywhere; the receipts say where, so tokens can be corrected later. */
  record Acquired(List<RateReceipt> receipts) implements RateOutcome {
    public Acquired {
      receipts = List.copyOf(receipts);
    }
  }

  /** The first window without room; nothing was counted anywhere. */
  record Limited(RateLimit limit, RateDecision.Limited decision) implements RateOutcome {}
}
