package dev.tollgate.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.reconcile.CounterKey;
import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.port.out.reconcile.CountersUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The two data planes' token-usage histograms as their documentation shows them: agentgateway's
 * {@code agentgateway_gen_ai_client_token_usage} (OpenMetrics text, {@code gen_ai_system}) and
 * Envoy AI Gateway's {@code gen_ai_client_token_usage} through the OpenTelemetry Prometheus
 * exporter ({@code gen_ai_provider_name}, {@code total} and {@code cached_input} types, scientific
 * notation in large sums). Token counts are those of the recorded fixtures' usage blocks
 * (agentgateway completions__basic: 13 prompt, 17 completion; Envoy chat-detailed-usage).
 */
class TokenUsageExpositionTest {

  private final TokenUsageExposition exposition =
      new TokenUsageExposition(TokenUsageExposition.DEFAULT_FAMILIES);

  private static long of(TokenCounters c, String model, TokenType type) {
    return c.get(new CounterKey(model, type));
  }

  @Test
  void agentgatewaysHistogramSumsAreReadPerModelAndTypeSummedOverOtherLabels() {
    String text = """
        # HELP agentgateway_gen_ai_client_token_usage Number of tokens used per request.
        # TYPE agentgateway_gen_ai_client_token_usage histogram
        agentgateway_gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",\
        gen_ai_request_model="gpt-4o-mini",gen_ai_system="openai",gen_ai_token_type="input",le="16.0"} 1
        agentgateway_gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",\
        gen_ai_request_model="gpt-4o-mini",gen_ai_response_model="gpt-4o-mini-2024-07-18",\
        gen_ai_system="openai",gen_ai_token_type="input"} 13
        agentgateway_gen_ai_client_token_usage_count{gen_ai_operation_name="chat",\
        gen_ai_request_model="gpt-4o-mini",gen_ai_system="openai",gen_ai_token_type="input"} 1
        agentgateway_gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",\
        gen_ai_request_model="gpt-4o-mini",gen_ai_response_model="gpt-4o-mini-2024-07-18",\
        gen_ai_system="openai",gen_ai_token_type="output"} 17
        agentgateway_gen_ai_client_token_usage_sum{gen_ai_operation_name="completions",\
        gen_ai_request_model="gpt-4o-mini",gen_ai_system="openai",gen_ai_token_type="output"} 3
        agentgateway_gen_ai_client_token_usage_sum{gen_ai_request_model="a \\"quoted\\", model",\
        gen_ai_token_type="input"} 2
        # EOF
        """;
    TokenCounters c = exposition.read(text);
    assertThat(of(c, "gpt-4o-mini", TokenType.INPUT)).isEqualTo(13);
    assertThat(of(c, "gpt-4o-mini", TokenType.OUTPUT)).isEqualTo(20);
    assertThat(of(c, "a \"quoted\", model", TokenType.INPUT)).isEqualTo(2);
    assertThat(c.values()).hasSize(3);
  }

  @Test
  void envoyAiGatewaysOverlappingTypesAreLeftOutAndLargeSumsReadExactly() {
    String text = """
        # HELP gen_ai_client_token_usage Number of tokens processed.
        # TYPE gen_ai_client_token_usage histogram
        gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_original_model="gpt-5-nano",\
        gen_ai_provider_name="openai",gen_ai_request_model="gpt-5-nano",gen_ai_response_model="gpt-5-nano-2025-08-07",\
        gen_ai_token_type="input",otel_scope_name="envoyproxy/ai-gateway"} 1.234567e+06
        gen_ai_client_token_usage_sum{gen_ai_request_model="gpt-5-nano",gen_ai_token_type="cached_input"} 300
        gen_ai_client_token_usage_sum{gen_ai_request_model="gpt-5-nano",gen_ai_token_type="output"} 1162
        gen_ai_client_token_usage_sum{gen_ai_request_model="gpt-5-nano",gen_ai_token_type="total"} 1235729
        """;
    TokenCounters c = exposition.read(text);
    assertThat(of(c, "gpt-5-nano", TokenType.INPUT)).isEqualTo(1_234_567);
    assertThat(of(c, "gpt-5-nano", TokenType.OUTPUT)).isEqualTo(1162);
    assertThat(c.values()).hasSize(2);
  }

  @Test
  void theUnitSuffixedSpellingIsReadAndOnlyTheFirstFamilyPresentCounts() {
    String text = """
        gen_ai_client_token_usage_token_sum{gen_ai_request_model="m",gen_ai_token_type="input"} 5
        agentgateway_gen_ai_client_token_usage_sum{gen_ai_request_model="m",gen_ai_token_type="input"} 9
        """;
    assertThat(of(exposition.read(text), "m", TokenType.INPUT)).isEqualTo(9);
    assertThat(of(exposition.read(text.lines().findFirst().orElseThrow()), "m", TokenType.INPUT))
        .isEqualTo(5);
    assertThat(exposition.read("process_cpu_seconds_total 3\n").values()).isEmpty();
  }

  @Test
  void aFractionalOrNegativeTokenSumIsRefusedNotRounded() {
    assertThatThrownBy(() -> exposition.read(
        "gen_ai_client_token_usage_sum{gen_ai_request_model=\"m\",gen_ai_token_type=\"input\"} 1.5\n"))
        .isInstanceOf(CountersUnavailableException.class).hasMessageContaining("whole number");
    assertThatThrownBy(() -> exposition.read(
        "gen_ai_client_token_usage_sum{gen_ai_request_model=\"m\",gen_ai_token_type=\"input\"} NaN\n"))
        .isInstanceOf(CountersUnavailableException.class);
    assertThatThrownBy(() -> exposition.read(
        "gen_ai_client_token_usage_sum{gen_ai_request_model=\"m\n"))
        .isInstanceOf(CountersUnavailableException.class);
  }
}
