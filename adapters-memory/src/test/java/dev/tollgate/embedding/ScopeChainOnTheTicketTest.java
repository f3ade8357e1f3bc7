package dev.tollgate.embedding;

import static dev.tollgate.embedding.ServiceFixture.ACME;
import static dev.tollgate.embedding.ServiceFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.SettleCommand;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scope chain a request counts against is derived once, at admission, and travels on its
 * ticket: slots, rate windows and the hold are taken on it, and settlement posts on the ticket's
 * chain rather than deriving it again.
 */
class ScopeChainOnTheTicketTest {

  private final StepRecordingStores recording = new StepRecordingStores();
  private final ServiceFixture fixture = new ServiceFixture(recording.stores);

  @BeforeEach
  void countEverything() {
    fixture.countEverything();
  }

  @Test
  void a_team_key_is_counted_on_tenant_team_key_and_key_by_model_and_its_ticket_says_so() {
    IssuedKey teamKey = fixture.tollgate.issueKey().issue(
        IssueKeyCommand.forOwner(Owner.team(ACME, TeamId.of("ml")), "team-key"));
    List<Scope> chain = List.of(Scope.tenant(ACME), Scope.team(ACME, TeamId.of("ml")),
        Scope.key(teamKey.key().id()), Scope.keyModel(teamKey.key().id(), MODEL));

    AdmissionTicket ticket = fixture.admitted(teamKey.secret().reveal(), 10, 10);

    assertThat(ticket.scopes()).isEqualTo(chain);
    assertThat(recording.scopesOf("slots.tryAcquire")).isEqualTo(chain);
    assertThat(recording.scopesOf("rates.tryAcquire")).isEqualTo(chain);
    assertThat(recording.scopesOf("budgets.placeHold")).isEqualTo(chain);
  }

  @Test
  void settlement_posts_on_the_tickets_chain_as_given() {
    AdmissionTicket admitted = fixture.admitted(10, 10);
    // A ticket whose chain differs from what the key and model would derive: settlement must use
    // the ticket's, not derive its own.
    List<Scope> carried = List.of(Scope.tenant(ACME), fixture.keyScope());
    AdmissionTicket ticket = withScopes(admitted, carried);

    fixture.tollgate.settle().settle(SettleCommand.completed(ticket, TokenUsage.of(10, 5)));

    assertThat(recording.scopesOf("budgets.settle")).isEqualTo(carried);
  }

  private static AdmissionTicket withScopes(AdmissionTicket t, List<Scope> scopes) {
    return new AdmissionTicket(t.requestId(), t.key(), t.tenantPolicy(), t.model(), scopes,
        t.endUser(), t.startedAt(), t.price(), t.hold(), t.heldAmount(),
        t.tightestBudgetRemaining(), t.estimatedTokens(), t.rateReceipts(), t.slotScopes(),
        t.clampedCompletionTokens(), t.demoted());
  }
}
