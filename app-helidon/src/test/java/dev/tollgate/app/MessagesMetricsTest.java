package dev.tollgate.app;

import static dev.tollgate.app.MetricsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Messages routes report to the request telemetry as the OpenAI routes do (issue 17): calls
 * made with Anthropic's SDK show in {@code tollgate_requests_total} by route, status and denial,
 * their spend equals the ledger, their tokens and stream timings are in the GenAI meters, and the
 * HTTP server meters name the route.
 */
class MessagesMetricsTest {

  private static MessageCreateParams ask(String text) {
    return MessageCreateParams.builder().model("sim-small").maxTokens(16).addUserMessage(text)
        .build();
  }

  @Test
  void messages_calls_show_in_the_request_spend_and_gen_ai_meters() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ofMillis(1))) {
      IssuedKey key = gateway.key();
      AnthropicClient client = AnthropicOkHttpClient.builder().apiKey(key.secret().reveal())
          .baseUrl(gateway.base()).maxRetries(0).build();
      client.messages().create(ask("Count me, please"));
      try (StreamResponse<RawMessageStreamEvent> stream =
          client.messages().createStreaming(ask("Stream me, please"))) {
        stream.stream().forEach(e -> { });
      }
      AnthropicClient forged = AnthropicOkHttpClient.builder().apiKey("sk-tg-not-a-key")
          .baseUrl(gateway.base()).maxRetries(0).build();
      assertThatThrownBy(() -> forged.messages().create(ask("no")))
          .isInstanceOf(UnauthorizedException.class);
      List<SpendEntry> ledger = gateway.awaitLedger(key, 2);
      long ledgerNanos = ledger.stream().mapToLong(e -> e.cost().nanoUsd()).sum();

      String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(gateway.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body();

      assertThat(sample(scrape,
          "tollgate_requests_total{reason=\"none\",route=\"/v1/messages\",status=\"200\"}"))
          .isEqualTo(2);
      assertThat(scrape).contains(
          "tollgate_requests_total{reason=\"malformed_key\",route=\"/v1/messages\",status=\"401\"}");
      assertThat(sample(scrape,
          "tollgate_spend_nano_usd_total{model=\"sim-small\",tenant=\"acme\"}"))
          .isEqualTo(ledgerNanos);
      assertThat(scrape)
          .contains("gen_ai_client_token_usage_count{gen_ai_operation_name=\"chat\"")
          .contains("gen_ai_server_time_to_first_token_seconds_count{gen_ai_operation_name=\"chat\"")
          .contains("tollgate_gateway_overhead_seconds_count{route=\"/v1/messages\"} 3")
          .contains("tollgate_upstream_duration_seconds_count{route=\"/v1/messages\"} 2")
          .contains("http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/v1/messages\"} 2");
    }
  }
}
