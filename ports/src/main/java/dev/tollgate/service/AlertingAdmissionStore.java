package dev.tollgate.service;

import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.port.out.AdmissionStore;
import java.time.Instant;

/**
 * An {@link AdmissionStore} that tells the {@link AlertDetector} what its answers mean for
 * budget alerts, as {@link AlertingBudgetStore} and {@link AlertingRateWindowStore} do for the
 * three ports it stands for: one queue offer at most, no round trip. Without it, wrapping the
 * budget and rate stores for alerts would drop the store's own one-operation admission (Redis's
 * one script) for the composition of the wrapped ports.
 */
public final class AlertingAdmissionStore implements AdmissionStore {

  private final AdmissionStore delegate;
  private final AlertDetector detector;

  public AlertingAdmissionStore(AdmissionStore delegate, AlertDetector detector) {
    this.delegate = delegate;
    this.detector = detector;
  }

  @Override
  public Taken take(Take take) {
    Taken taken = delegate.take(take);
    switch (taken) {
      case Taken.RateLimited limited -> AlertingRateWindowStore.reportRate(detector, take.scopes(),
          limited.limited(), take.hold().now());
      case Taken.Holding holding ->
          AlertingBudgetStore.reportHold(detector, take.hold(), holding.hold());
      case Taken.SlotsBusy busy -> { }
    }
    return taken;
  }

  @Override
  public Settlement finish(Finish finish, Instant now) {
    Settlement settlement = delegate.finish(finish, now);
    AlertingBudgetStore.reportSettlement(detector, finish.scopes(), settlement, now);
    return settlement;
  }
}
