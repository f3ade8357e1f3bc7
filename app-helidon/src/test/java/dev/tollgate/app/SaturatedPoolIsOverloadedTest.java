package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.MessageCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.port.in.IssuedKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * agentgateway's endpoint picker refusing for a saturated inference pool (429, plain text, a
 * dropped reason) reaches an Anthropic SDK client as Anthropic's 529 {@code overloaded_error}, its
 * Retry-After kept, and is not charged.
 */
class SaturatedPoolIsOverloadedTest {

  @Test
  void a_saturated_pool_is_anthropics_overloaded_error() throws Exception {
    HttpServer pool = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    pool.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        byte[] body = "inference pool saturated".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "text/plain");
        exchange.getResponseHeaders().add("retry-after", "7");
        exchange.getResponseHeaders().add("x-llm-d-request-dropped-reason", "saturated");
        exchange.sendResponseHeaders(429, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    pool.start();
    try (GatewayHarness gateway = GatewayHarness.agentgateway(
        URI.create("http://127.0.0.1:" + pool.getAddress().getPort()))) {
      IssuedKey key = gateway.key();
      MessageCreateParams params = MessageCreateParams.builder().model("sim-small").maxTokens(5)
          .addUserMessage("hi").build();

      assertThatThrownBy(() -> com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
          .apiKey(key.secret().reveal()).baseUrl(gateway.base()).maxRetries(0).build()
          .messages().create(params))
          .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(529);
            assertThat(e.headers().values("retry-after")).containsExactly("7");
            assertThat(e.getMessage()).contains("overloaded_error");
          });
      assertThat(gateway.ledgerOf(key)).isEmpty();
    } finally {
      pool.stop(0);
    }
  }
}
