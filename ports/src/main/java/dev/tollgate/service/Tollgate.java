package dev.tollgate.service;

import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.in.AuthorizeRequest;
import dev.tollgate.port.in.IssueKey;
import dev.tollgate.port.in.ListModels;
import dev.tollgate.port.in.ReadSpend;
import dev.tollgate.port.in.RevokeKey;
import dev.tollgate.port.in.ServeModels;
import dev.tollgate.port.in.SetBudget;
import dev.tollgate.port.in.SetLimits;
import dev.tollgate.port.in.SetPrice;
import dev.tollgate.port.in.SettleUsage;
import dev.tollgate.port.in.SweepExpired;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The engine: every use case wired over one set of stores. This is the embedding entry point; the
 * HTTP service builds the same object.
 *
 * <pre>{@code
 * Tollgate tollgate = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());
 * }</pre>
 */
public record Tollgate(
    AuthenticateKey authenticate,
    AuthorizeRequest authorize,
    SettleUsage settle,
    IssueKey issueKey,
    RevokeKey revokeKey,
    SetBudget budgets,
    SetLimits limits,
    SetPrice prices,
    ServeModels models,
    ListModels listModels,
    ReadSpend spend,
    SweepExpired sweeper) {

  public static Tollgate create(Stores stores, Clock clock, RandomGenerator random) {
    return create(stores, clock, random, AdmissionSettings.DEFAULTS);
  }

  public static Tollgate create(
      Stores stores, Clock clock, RandomGenerator random, AdmissionSettings settings) {
    ConfigureEconomicsService configure = new ConfigureEconomicsService(stores, clock);
    // Session budgets are counted by this engine (docs/economics.md, "Session budgets"): one book
    // that admission holds on, settlement posts to and the sweep expires and learns into.
    SessionBudgetBook sessions = new SessionBudgetBook();
    return new Tollgate(
        new AuthenticateKeyService(stores.keys(), clock),
        new AuthorizeRequestService(stores, clock, settings, sessions),
        new SettleUsageService(stores.admissions(), stores.slots(), stores.ledger(), clock,
            sessions),
        new IssueKeyService(stores.keys(), clock, random),
        new RevokeKeyService(stores.keys()),
        configure,
        configure,
        configure,
        configure,
        new ListModelsService(stores, clock),
        new ReadSpendService(stores.ledger(), stores.budgets(), clock),
        new SweepExpiredService(stores.budgets(), clock, sessions, Optional.of(stores.ledger())));
  }
}
