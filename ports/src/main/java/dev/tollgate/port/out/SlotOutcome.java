package dev.tollgate.port.out;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import java.util.List;

/** The result of taking a parallel-request slot on every limited scope. */
public sealed interface SlotOutcome {

  /** Slots taken on these scopes (those with a limit); give them back with the same holder. */
  record Acquired(List<Scope> scopes) implements SlotOutcome {
    public Acquired {
      scopes = List.copyOf(scopes);
    }
  }

  /** The first scope with every slot in use; no slot was taken anywhere. */
  record Busy(ParallelLimit limit) implements SlotOutcome {}
}
