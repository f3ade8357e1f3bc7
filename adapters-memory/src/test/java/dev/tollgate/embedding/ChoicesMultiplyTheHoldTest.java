package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A request for n completions (n, best_of) can produce n times the completion bound, and the
 * prompt once: its hold covers exactly that, so it is never posted as overage.
 */
class ChoicesMultiplyTheHoldTest {

  private static final ModelName MODEL = ModelName.of("m");
  private static final TokenPrices PRICES =
      TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("4.00"));
  private static final long MODEL_CAP = 2_000;

  private final Tollgate tollgate =
      Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());
  private final ApiKeySecret key;
  private int requests;

  ChoicesMultiplyTheHoldTest() {
    tollgate.models().serve(ModelSpec.of(MODEL, MODEL_CAP));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH, PRICES));
    key = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"))
        .secret();
  }

  @Test
  void theHoldIsNTimesTheSingleChoiceCompletionBound() {
    assertThat(held(OptionalLong.of(100), 1)).isEqualTo(PRICES.maximumCostOf(50, 100));
    assertThat(held(OptionalLong.of(100), 4)).isEqualTo(PRICES.maximumCostOf(50, 400));
    assertThat(held(OptionalLong.empty(), 16)).isEqualTo(PRICES.maximumCostOf(50, 16 * MODEL_CAP));
  }

  private Money held(OptionalLong maxTokens, int choices) {
    Admission admission = tollgate.authorize().authorize(new AuthorizeCommand(key, MODEL.value(),
        RequestId.of("r-" + ++requests), 50, maxTokens, Optional.empty(), choices));
    return ((Admission.Admitted) admission).ticket().heldAmount();
  }
}
