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
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.time.Instant;
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

  private final BudgetStore budgets;
  private final RateWindowStore rates;
  private final SlotStore slots;
  private final SpendLedger ledger;
  private final Clock clock;
  private final SessionBudgetBook sessions;

  public SettleUsageService(
      BudgetStore budgets, RateWindowStore rates, SlotStore slots, SpendLedger ledger, Clock clock) {
    this(budgets, rates, slots, ledger, clock, new SessionBudgetBook());
  }

  SettleUsageService(BudgetStore budgets, RateWindowStore rates, SlotStore slots,
      SpendLedger ledger, Clock clock, SessionBudgetBook sessions) {
    this.sessions = sessions;
    this.budgets = budgets;
    this.rates = rates;
    this.slots = slots;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public SettlementReceipt settle(SettleCommand command) {
    AdmissionTicket ticket = command.ticket();
    Instant now = clock.instant();
    try {
      return switch (command.outcome()) {
        case SettleCommand.Completed done -> charge(ticket, done, now);
        case SettleCommand.Failed failed -> {
          budgets.release(ticket.hold());
          sessions.release(ticket);
          correctTokens(ticket.rateReceipts(), 0, now);
          yield new SettlementReceipt(Money.ZERO, new Settlement(List.of()), Optional.empty());
        }
      };
    } finally {
      slots.release(ticket.slotScopes(), ticket.requestId().value());
    }
  }

  private SettlementReceipt charge(AdmissionTicket ticket, SettleCommand.Completed done, Instant now) {
    TokenUsage usage = done.usage();
    Money cost = ticket.price().prices().costOf(usage);
    // The ledger first: whatever fails after this, the spend is recorded.
    AppendResult appended = ledger.append(entry(ticket, done, cost, now));
    Settlement settlement =
        budgets.settle(ticket.hold(), ticket.scopes(), ticket.startedAt(), cost, now);
    sessions.settle(ticket, cost, now);
    if (appended instanceof AppendResult.Appended) { // a repeat was corrected the first time
      correctTokens(ticket.rateReceipts(), usage.totalTokens(), now);
    }
    return new SettlementReceipt(cost, settlement, Optional.of(appended));
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
        ticket.session());
  }

  private void correctTokens(List<RateReceipt> receipts, long actualTokens, Instant now) {
    for (RateReceipt r : receipts) {
      if (r.kind() == RateKind.TOKENS && actualTokens != r.amount()) {
        rates.adjust(r, actualTokens - r.amount(), now);
      }
    }
  }
}
