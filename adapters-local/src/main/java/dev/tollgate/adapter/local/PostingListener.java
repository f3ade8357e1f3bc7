package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.HoldId;
import java.util.List;

/** Told by {@link BudgetPostingLedger} around each batch it posts on the shared budgets. */
public interface PostingListener {

  void postingStarted();

  /** These requests' costs are now posted on the shared store (or the batch failed: empty). */
  void postingFinished(List<HoldId> posted);

  PostingListener NONE = new PostingListener() {
    @Override
    public void postingStarted() {}

    @Override
    public void postingFinished(List<HoldId> posted) {}
  };
}
