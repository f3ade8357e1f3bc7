package dev.tollgate.port.in;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.usage.Charge;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;

/** How an admitted call ended. */
public record SettleCommand(AdmissionTicket ticket, CallOutcome outcome) {

  /** The end of a call: it produced usage (charged), or it failed upstream (not charged). */
  public sealed interface CallOutcome {}

  /** The call produced output; {@code source} says whether the upstream reported the usage. */
  public record Completed(TokenUsage usage, UsageSource source) implements CallOutcome {}

  /** The upstream failed before producing anything the client received: nothing is owed. */
  public record Failed(String why) implements CallOutcome {}

  /** The call's end as the core's charging rule decided it ({@code ChargingRule}). */
  public static CallOutcome outcomeOf(Charge charge) {
    return switch (charge) {
      case Charge.ByUsage byUsage -> new Completed(byUsage.usage(), byUsage.source());
      case Charge.Nothing nothing -> new Failed(nothing.why());
    };
  }

  public static SettleCommand completed(AdmissionTicket ticket, TokenUsage usage) {
    return new SettleCommand(ticket, new Completed(usage, UsageSource.REPORTED));
  }

  public static SettleCommand failed(AdmissionTicket ticket, String why) {
    return new SettleCommand(ticket, new Failed(why));
  }
}
