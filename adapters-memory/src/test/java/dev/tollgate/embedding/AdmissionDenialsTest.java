package dev.tollgate.embedding;

import static dev.tollgate.embedding.ServiceFixture.ACME;
import static dev.tollgate.embedding.ServiceFixture.MODEL;
import static dev.tollgate.embedding.ServiceFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link DenialReason} produced by the admission service on in-memory stores, each from the
 * scenario that earns it, and each refusal taking nothing: no money held or posted, no slot, no
 * request or token counted beyond what earlier admitted requests hold. The switch has no default,
 * so a new reason does not compile until it has its scenario here.
 */
class AdmissionDenialsTest {

  private final ServiceFixture fixture = new ServiceFixture();

  @ParameterizedTest(name = "{0}")
  @EnumSource(DenialReason.class)
  void each_reason_has_a_scenario_that_is_refused_with_it_and_takes_nothing(DenialReason reason) {
    fixture.countEverything();

    Denied denied = switch (reason) {
      case MALFORMED_KEY -> a_key_with_a_broken_checksum();
      case UNKNOWN_KEY -> a_wellformed_key_nobody_issued();
      case KEY_BLOCKED -> a_revoked_key();
      case KEY_EXPIRED -> a_key_past_its_expiry();
      case TENANT_INACTIVE -> a_key_of_a_deactivated_tenant();
      case WRONG_KEY_ROLE -> a_tenant_admin_key_calling_the_model();
      case MODEL_NOT_FOUND -> a_model_nobody_serves();
      case MODEL_NOT_ALLOWED -> a_model_outside_the_keys_allow_list();
      case MODEL_NOT_PRICED -> a_served_model_without_a_price_in_force();
      case REQUEST_RATE_LIMITED -> a_second_request_in_a_one_request_minute();
      case TOKEN_RATE_LIMITED -> a_request_larger_than_the_token_window();
      case PARALLEL_LIMITED -> a_second_request_while_the_only_slot_is_taken();
      case BUDGET_EXHAUSTED -> a_request_whose_maximum_cost_the_budget_cannot_cover();
      case DUPLICATE_REQUEST -> a_different_request_under_an_id_already_in_flight();
      case TAG_NOT_ALLOWED -> a_tag_its_tenant_does_not_list();
    };

    assertThat(denied.reason()).isEqualTo(reason);
    assertThat(denied.message()).isNotBlank();
  }

  private Denied a_key_with_a_broken_checksum() {
    String key = fixture.key();
    String broken = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
    return refusedTakingNothing(() -> ask(broken, MODEL.value()));
  }

  private Denied a_wellformed_key_nobody_issued() {
    String stranger = KeyFormat.mint(new SecureRandom()).reveal();
    return refusedTakingNothing(() -> ask(stranger, MODEL.value()));
  }

  private Denied a_revoked_key() {
    fixture.tollgate.revokeKey().revoke(fixture.issued.key().id());
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  private Denied a_key_past_its_expiry() {
    IssuedKey expired = fixture.tollgate.issueKey().issue(new IssueKeyCommand(
        Owner.tenant(ACME), "expired", Set.of(), Optional.of(NOW.minusSeconds(1))));
    return refusedTakingNothing(() -> ask(expired.secret().reveal(), MODEL.value()));
  }

  private Denied a_key_of_a_deactivated_tenant() {
    fixture.stores.tenants().put(TenantPolicy.open(ACME).withActive(false));
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  private Denied a_tenant_admin_key_calling_the_model() {
    VirtualKey k = fixture.issued.key();
    fixture.stores.keys().save(new VirtualKey(k.id(), k.hash(), k.owner(), k.alias(), k.hint(),
        k.allowedModels(), k.expiresAt(), k.blocked(), k.createdAt(), KeyRole.TENANT_ADMIN,
        Map.of(), Optional.empty()));
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  private Denied a_tag_its_tenant_does_not_list() {
    fixture.stores.tenants().put(TenantPolicy.open(ACME).withAllowedTags(Set.of(Tag.of("listed"))));
    ApiKeySecret secret = ((KeyFormat.Wellformed) KeyFormat.parse(fixture.key())).secret();
    return refusedTakingNothing(() -> fixture.tollgate.authorize().authorize(new AuthorizeCommand(
        secret, MODEL.value(), RequestId.of("refused"), 10, OptionalLong.of(10), Optional.empty())
        .withTags(Tags.of("listed", "unlisted"))));
  }

  private Denied a_model_nobody_serves() {
    return refusedTakingNothing(() -> ask(fixture.key(), "nobody-serves-this"));
  }

  private Denied a_model_outside_the_keys_allow_list() {
    IssuedKey narrow = fixture.tollgate.issueKey().issue(new IssueKeyCommand(
        Owner.tenant(ACME), "narrow", Set.of(ModelName.of("other")), Optional.empty()));
    return refusedTakingNothing(() -> ask(narrow.secret().reveal(), MODEL.value()));
  }

  private Denied a_served_model_without_a_price_in_force() {
    fixture.tollgate.models().serve(ModelSpec.of(ModelName.of("unpriced"), 1_000));
    return refusedTakingNothing(() -> ask(fixture.key(), "unpriced"));
  }

  private Denied a_second_request_in_a_one_request_minute() {
    fixture.tollgate.limits().setRateLimit(
        RateLimit.perMinute(fixture.keyScope(), RateKind.REQUESTS, 1));
    fixture.admitted(10, 10);
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  private Denied a_request_larger_than_the_token_window() {
    fixture.tollgate.limits().setRateLimit(
        RateLimit.perMinute(fixture.keyScope(), RateKind.TOKENS, 100));
    return refusedTakingNothing(() -> fixture.ask(60, 60));
  }

  private Denied a_second_request_while_the_only_slot_is_taken() {
    fixture.tollgate.limits().setParallelLimit(new ParallelLimit(fixture.keyScope(), 1));
    fixture.admitted(10, 10);
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  private Denied a_request_whose_maximum_cost_the_budget_cannot_cover() {
    fixture.tollgate.budgets().setBudget(
        Budget.of(fixture.keyScope(), Money.ofNanoUsd(1), BudgetPeriod.monthly()));
    return refusedTakingNothing(() -> ask(fixture.key(), MODEL.value()));
  }

  /**
   * Checks money and rate counts only: the refusal also frees the original's parallel slot, which
   * {@link #a_duplicate_refusal_leaves_the_originals_slot_taken} shows.
   */
  private Denied a_different_request_under_an_id_already_in_flight() {
    RequestId id = RequestId.of("twice");
    assertThat(fixture.ask(fixture.key(), MODEL.value(), id, 10, 10, 1))
        .isInstanceOf(Admission.Admitted.class);
    ServiceFixture.Footprint before = fixture.footprint();
    Admission admission = fixture.ask(fixture.key(), MODEL.value(), id, 10, 20, 1);
    ServiceFixture.Footprint after = fixture.footprint();
    assertThat(after.held()).isEqualTo(before.held());
    assertThat(after.posted()).isEqualTo(before.posted());
    assertThat(after.requests()).isEqualTo(before.requests());
    assertThat(after.tokens()).isEqualTo(before.tokens());
    return (Denied) admission;
  }

  @Test
  void a_duplicate_refusal_leaves_the_originals_slot_taken() {
    fixture.countEverything();
    RequestId id = RequestId.of("twice");
    fixture.ask(fixture.key(), MODEL.value(), id, 10, 10, 1);

    Denied denied = refusedTakingNothing(
        () -> fixture.ask(fixture.key(), MODEL.value(), id, 10, 20, 1));

    assertThat(denied.reason()).isEqualTo(DenialReason.DUPLICATE_REQUEST);
    assertThat(fixture.footprint().slots()).isEqualTo(1);
  }

  private Admission ask(String presentedKey, String model) {
    return fixture.ask(presentedKey, model, RequestId.of("refused"), 10, 10, 1);
  }

  /** The refusal, after checking it left every counter as it found it. */
  private Denied refusedTakingNothing(Supplier<Admission> request) {
    ServiceFixture.Footprint before = fixture.footprint();
    Admission admission = request.get();
    assertThat(admission).isInstanceOf(Denied.class);
    assertThat(fixture.footprint()).isEqualTo(before);
    return (Denied) admission;
  }
}
