package dev.tollgate.service;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.in.SettleUsage;
import dev.tollgate.port.in.SettlementReceipt;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ends an admitted request: prices the usage with the version in force when it started, appends
 * one ledger entry (idempotent by request id) before anything else can fail, posts the cost on
 * every budget (releasing the rest of the hold), corrects the token windows from estimate to
 * actual and gives back the parallel slots.
 * A failed call is charged nothing: its hold is voided and its tokens given back.
 */
public final class SettleUsageService implements SettleUsage {

  private final AdmissionStore admissions;
  private final SlotStore slots;
  private final SpendLedger ledger;
  private final Clock clock;
  private final SessionBudgetBook sessions;

  /**
   * @param admissions ends a request in one operation (hold, token windows, slots)
   * @param slots gives the slots back alone when the ledger refuses the entry
   */
  public SettleUsageService(
      AdmissionStore admissions, SlotStore slots, SpendLedger ledger, Clock clock) {
    this(admissions, slots, ledger, clock, new SessionBudgetBook());
  }

  SettleUsageService(AdmissionStore admissions, SlotStore slots, SpendLedger ledger, Clock clock,
      SessionBudgetBook sessions) {
    this.admissions = admissions;
    this.slots = slots;
    this.ledger = ledger;
    this.clock = clock;
    this.sessions = sessions;
  }

  @Override
  public SettlementReceipt settle(SettleCommand command) {
    AdmissionTicket ticket = command.ticket();
    Instant now = clock.instant();
    return switch (command.outcome()) {
      case SettleCommand.Completed done -> charge(ticket, done, now);
      case SettleCommand.Failed failed -> {
        sessions.release(ticket);
        admissions.finish(end(ticket, Optional.empty(), corrections(ticket.rateReceipts(), 0)),
            now);
        yield new SettlementReceipt(Money.ZERO, new Settlement(List.of()), Optional.empty());
      }
    };
  }

  private SettlementReceipt charge(AdmissionTicket ticket, SettleCommand.Completed done, Instant now) {
    TokenUsage usage = done.usage();
    Money cost;
    AppendResult appended;
    try {
      cost = ticket.price().prices().costOf(usage);
      // The ledger first: whatever fails after this, the spend is recorded.
      appended = ledger.append(entry(ticket, done, cost, now));
    } catch (RuntimeException e) {
      sessions.release(ticket);
      slots.release(ticket.slotScopes(), ticket.requestId().value()); // the hold lapses
      throw e;
    }
    sessions.settle(ticket, cost, now);
    List<AdmissionStore.Correction> corrections = appended instanceof AppendResult.Appended
        ? corrections(ticket.rateReceipts(), usage.totalTokens())
        : List.of(); // a repeat was corrected the first time
    Settlement settlement = admissions.finish(end(ticket, Optional.of(cost), corrections), now);
    return new SettlementReceipt(cost, settlement, Optional.of(appended));
  }

  /** The request's end: its hold, the corrections, its slots. */
  private static AdmissionStore.Finish end(AdmissionTicket ticket, Optional<Money> actual,
      List<AdmissionStore.Correction> corrections) {
    return new AdmissionStore.Finish(ticket.hold(), ticket.scopes(), ticket.startedAt(), actual,
        corrections, ticket.slotScopes(), ticket.requestId().value());
  }

  /** One ledger line; overage means the cost went beyond what was held for the request. */
  private static SpendEntry entry(
      AdmissionTicket ticket, SettleCommand.Completed done, Money cost, Instant now) {
    return new SpendEntry(
        ticket.requestId(),
        ticket.key().owner(),
        ticket.key().id(),
        ticket.model().name(),
        ticket.endUser(),
        done.usage(),
        done.source(),
        cost,
        ticket.price().effectiveFrom(),
        ticket.startedAt(),
        now,
        cost.isGreaterThan(ticket.heldAmount()),
        ticket.session(),
        ticket.tags());
  }

  /**
   * The token windows corrected from estimate to {@code actualTokens}. A loop, not a stream: this
   * runs for every request, and the stream's pipeline was a few percent of the request's Java
   * time (JFR, docs/benchmarks.md).
   */
  private static List<AdmissionStore.Correction> corrections(
      List<RateReceipt> receipts, long actualTokens) {
    List<AdmissionStore.Correction> corrections = new ArrayList<>(receipts.size());
    for (RateReceipt r : receipts) {
      if (r.kind() == RateKind.TOKENS && actualTokens != r.amount()) {
        corrections.add(new AdmissionStore.Correction(r, actualTokens - r.amount()));
      }
    }
    return List.copyOf(corrections);
  }
}
