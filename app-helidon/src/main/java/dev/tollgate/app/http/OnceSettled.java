package dev.tollgate.app.http;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.in.SettleUsage;
import dev.tollgate.port.in.SettlementReceipt;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The settlement of one admitted request, which happens exactly once: by the path that knows the
 * outcome, or, when anything after admission throws, as failed, so the parallel slot, the budget
 * hold and the token estimate are given back at once instead of after their TTL.
 */
public final class OnceSettled {

  private static final Logger LOG = Logger.getLogger(OnceSettled.class.getName());

  private final SettleUsage settler;
  private final AdmissionTicket ticket;
  private final RequestSpan span;
  private boolean attempted;
  private SettleCommand.CallOutcome outcome;
  private SettlementReceipt receipt;

  public OnceSettled(SettleUsage settler, AdmissionTicket ticket) {
    this(settler, ticket, RequestSpan.NONE);
  }

  /** @param span the request's span, whose settlement child this marks */
  public OnceSettled(SettleUsage settler, AdmissionTicket ticket, RequestSpan span) {
    this.settler = settler;
    this.ticket = ticket;
    this.span = span;
  }

  public AdmissionTicket ticket() {
    return ticket;
  }

  /**
   * Settles with {@code outcome}. Marked done before the call: a settlement that threw half way is
   * not run again as failed, which could void a hold whose cost was already posted.
   */
  public SettlementReceipt settle(SettleCommand.CallOutcome outcome) {
    if (attempted) {
      throw new IllegalStateException(ticket.requestId() + " is already settled");
    }
    attempted = true;
    this.outcome = outcome;
    span.settlementBegins();
    long costNanoUsd = -1;
    try {
      receipt = settler.settle(new SettleCommand(ticket, outcome));
      costNanoUsd = receipt.cost().nanoUsd();
      return receipt;
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "settlement failed for " + ticket.requestId(), e);
      throw e;
    } finally {
      span.settlementEnds(costNanoUsd);
    }
  }

  /** How the call ended, once settled. */
  Optional<SettleCommand.CallOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** What settlement did, once it succeeded. */
  Optional<SettlementReceipt> receipt() {
    return Optional.ofNullable(receipt);
  }

  /** After a failure: settles as failed unless a settlement was already attempted. */
  public void failIfOpen(Throwable cause) {
    if (attempted) {
      return;
    }
    try {
      settle(new SettleCommand.Failed("gateway failure: " + cause.getClass().getSimpleName()));
    } catch (RuntimeException e) {
      cause.addSuppressed(e); // logged above; the hold and slot lapse at their TTL
    }
  }
}
