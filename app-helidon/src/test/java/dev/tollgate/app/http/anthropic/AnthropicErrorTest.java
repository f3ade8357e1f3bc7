package dev.tollgate.app.http.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.BodyBuffer;
import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicErrorTest {

  @Test
  void a_saturated_pool_or_server_is_anthropics_overloaded_error() {
    AnthropicError busy = AnthropicError.of(BodyBuffer.busy());
    AnthropicError pool = AnthropicError.of(new ApiError(503, "server_error", "pool_saturated",
        "no endpoint available", null, Optional.of(Duration.ofSeconds(2))));

    assertThat(busy.status()).isEqualTo(529);
    assertThat(busy.type()).isEqualTo("overloaded_error");
    AnthropicError picker = AnthropicError.of(new ApiError(429, "rate_limit_error",
        "upstream_saturated", "inference pool saturated", null, Optional.of(Duration.ofSeconds(7))));

    assertThat(pool.status()).isEqualTo(529);
    assertThat(pool.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(picker.status()).isEqualTo(529);
    assertThat(picker.type()).isEqualTo("overloaded_error");
    assertThat(picker.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void denials_map_to_the_statuses_the_sdks_type() {
    assertThat(AnthropicError.of(denied(DenialReason.UNKNOWN_KEY)).status()).isEqualTo(401);
    assertThat(AnthropicError.of(denied(DenialReason.MODEL_NOT_ALLOWED)).type())
        .isEqualTo("permission_error");
    assertThat(AnthropicError.of(denied(DenialReason.MODEL_NOT_FOUND)).type())
        .isEqualTo("not_found_error");
    assertThat(AnthropicError.of(denied(DenialReason.TOKEN_RATE_LIMITED)).type())
        .isEqualTo("rate_limit_error");
    AnthropicError budget = AnthropicError.of(denied(DenialReason.BUDGET_EXHAUSTED));
    assertThat(budget.status()).isEqualTo(429);
    assertThat(budget.retryable()).isFalse();
    assertThat(budget.message()).startsWith("Budget exhausted: ");
  }

  @Test
  void the_body_is_anthropics_envelope() {
    String body = new String(AnthropicError.invalidRequest("max_tokens: Field required").body(),
        StandardCharsets.UTF_8);

    assertThat(body).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"max_tokens: Field required\"}}");
  }

  private static Denied denied(DenialReason reason) {
    return new Denied(reason, "why", Optional.of(Duration.ofSeconds(3)));
  }
}
