package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A key's per-session budget in the engine: each session of the key is held and charged against
 * its own account, exactly (a request is refused iff what the session spent plus its maximum cost
 * exceeds the limit), a failed call gives its hold back, another session and a request without a
 * session are untouched, and an engine that never saw a session (a restart) learns what it spent
 * from the ledger at its next sweep. A new session costs no store step: admission and settlement
 * make the same calls with and without one.
 */
class SessionBudgetsTest {

  private static final ModelName MODEL = ModelName.of("m");
  private static final TenantId ACME = TenantId.of("acme");
  /** 1,000 nano-USD a token in, 2,000 out: a request of 10 in and 10 out holds 30,000. */
  private static final TokenPrices PRICES =
      TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("2"));
  private static final Money HOLD = Money.ofNanoUsd(30_000);

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2030-03-14T10:00:00Z");

    @Override public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override public Instant instant() {
      return now;
    }
  }

  private final StepRecordingStores recording = new StepRecordingStores();
  private final Stores stores = recording.stores;
  private final MovingClock clock = new MovingClock();
  private Tollgate tollgate = engine();
  private final IssuedKey key = issueWithSessionBudget(Money.ofNanoUsd(100_000));
  private int requests;

  private Tollgate engine() {
    return Tollgate.create(stores, clock, new SecureRandom());
  }

  private IssuedKey issueWithSessionBudget(Money limit) {
    tollgate.models().serve(ModelSpec.of(MODEL, 4_096));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH, PRICES));
    IssuedKey issued = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME), "k"));
    stores.keys().save(stores.keys().findById(issued.key().id()).orElseThrow()
        .withSessionBudget(Optional.of(new SessionBudget(limit, BudgetPeriod.lifetime()))));
    return issued;
  }

  private Admission ask(Optional<String> session) {
    clock.now = clock.now.plusMillis(1);
    var secret = ((KeyFormat.Wellformed) KeyFormat.parse(key.secret().reveal())).secret();
    return tollgate.authorize().authorize(new AuthorizeCommand(secret, MODEL.value(),
        RequestId.of("r" + ++requests), 10, OptionalLong.of(10), Optional.empty(), 1)
        .withSession(session.map(SessionId::of)));
  }

  private AdmissionTicket admitted(Optional<String> session) {
    return switch (ask(session)) {
      case Admission.Admitted a -> a.ticket();
      case Admission.Denied d -> throw new AssertionError("refused: " + d);
    };
  }

  /** Admitted and charged in full (10 in, 10 out: 30,000 nano-USD). */
  private void spend(String session) {
    tollgate.settle().settle(SettleCommand.completed(admitted(Optional.of(session)),
        TokenUsage.of(10, 10)));
  }

  private Money ledgerOf(String session) {
    return tollgate.spend().total(SpendQuery.forKey(ACME, key.key().id(), Instant.EPOCH,
        clock.now.plusSeconds(1)).withSession(Optional.of(SessionId.of(session)))).cost();
  }

  @Test
  void the_call_that_would_exceed_a_session_budget_is_refused_and_another_session_is_admitted() {
    spend("s1");
    spend("s1");
    spend("s1"); // 90,000 of 100,000: the next 30,000 hold does not fit

    Admission refused = ask(Optional.of("s1"));

    assertThat(refused).isInstanceOfSatisfying(Admission.Denied.class, d -> {
      assertThat(d.reason()).isEqualTo(DenialReason.BUDGET_EXHAUSTED);
      assertThat(d.message()).contains("session s1 of key " + key.key().id().value())
          .contains("$0.00003 and $0.00001 remains");
    });
    assertThat(admitted(Optional.of("s2")).sessionHeld()).isTrue();
    assertThat(admitted(Optional.empty()).sessionHeld()).isFalse();
    assertThat(ledgerOf("s1")).isEqualTo(HOLD.plus(HOLD).plus(HOLD));
  }

  @Test
  void a_session_budget_admits_exactly_what_fits() {
    // 30,000 + 30,000 + 10,000 posted: the next 30,000 hold fills the 100,000 exactly.
    spend("s1");
    spend("s1");
    tollgate.settle().settle(SettleCommand.completed(admitted(Optional.of("s1")),
        TokenUsage.of(10, 0))); // 10,000
    assertThat(ask(Optional.of("s1"))).isInstanceOf(Admission.Admitted.class); // 70k + 30k = 100k
    assertThat(ask(Optional.of("s1"))).isInstanceOf(Admission.Denied.class); // both holds: full
  }

  @Test
  void a_failed_call_gives_its_session_hold_back() {
    for (int i = 0; i < 10; i++) {
      tollgate.settle().settle(new SettleCommand(admitted(Optional.of("s1")),
          new SettleCommand.Failed("upstream 500")));
    }
    spend("s1");
    spend("s1");
    spend("s1");
    assertThat(ask(Optional.of("s1"))).isInstanceOf(Admission.Denied.class);
  }

  @Test
  void an_engine_that_never_saw_a_session_learns_its_spend_from_the_ledger_at_the_sweep() {
    spend("s1");
    spend("s1"); // 60,000 in the ledger
    tollgate = engine(); // a restart: a new engine over the same stores knows no session
    clock.now = clock.now.plus(Duration.ofSeconds(5));

    spend("s1"); // counted from zero until learned: 30,000 here
    tollgate.sweeper().sweep(); // learns the 60,000 spent before this engine met the session

    assertThat(ask(Optional.of("s1"))).isInstanceOf(Admission.Denied.class); // 90k + 30k > 100k
    assertThat(ask(Optional.of("s2"))).isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void a_new_session_costs_no_store_step_beyond_what_a_request_without_one_makes() {
    recording.clear();
    tollgate.settle().settle(SettleCommand.completed(admitted(Optional.empty()),
        TokenUsage.of(10, 10)));
    var withoutSession = recording.steps();
    recording.clear();

    AdmissionTicket inNewSession = admitted(Optional.of("never-seen-before"));
    tollgate.settle().settle(SettleCommand.completed(inNewSession, TokenUsage.of(10, 10)));

    assertThat(inNewSession.sessionHeld()).isTrue();
    assertThat(recording.steps()).isEqualTo(withoutSession).isNotEmpty();
  }
}
