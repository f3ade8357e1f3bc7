package dev.tollgate.dataplane.http;

import static dev.tollgate.dataplane.http.LoopbackServer.request;
import static dev.tollgate.dataplane.http.LoopbackServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.wire.openai.OpenAiErrors;
import dev.tollgate.wire.openai.UsageNormalizer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composed data plane against a real loopback server: send, read, judge. */
class OpenAiCompatibleDataPlaneTest {

  private final HttpTransport transport =
      new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(10));
  private LoopbackServer server;

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  @Test
  void plainText503IsRewrappedWithAFiveSecondRetry() throws Exception {
    UpstreamError error = errorFrom(503, "text/plain", "no healthy upstream", Map.of());

    assertThat(error).isEqualTo(new UpstreamError(503, "upstream_error", "upstream_unavailable",
        "no healthy upstream", Optional.of(Duration.ofSeconds(5))));
  }

  @Test
  void plainText429KeepsTheUpstreamsRetryAfter() throws Exception {
    UpstreamError error = errorFrom(429, "text/plain", "rate limit exceeded",
        Map.of("Retry-After", "3", "X-Llm-D-Request-Dropped-Reason", "saturated"));

    assertThat(error).isEqualTo(new UpstreamError(429, "rate_limit_error", "upstream_saturated",
        "rate limit exceeded", Optional.of(Duration.ofSeconds(3))));
  }

  @Test
  void openAiJson400IsKept() throws Exception {
    UpstreamError error = errorFrom(400, "application/json", """
        {"error":{"message":"max_tokens is too large","type":"invalid_request_error",\
        "param":"max_tokens","code":"context_length_exceeded"}}""", Map.of());

    assertThat(error).isEqualTo(new UpstreamError(400, "invalid_request_error",
        "context_length_exceeded", "max_tokens is too large", Optional.empty(),
        Optional.of("max_tokens")));
  }

  @Test
  void envoyShapedErrorIsUnwrapped() throws Exception {
    UpstreamError error = errorFrom(503, "application/json", """
        {"type":"error","error":{"type":"Service Unavailable","message":"upstream connect error"}}\
        """, Map.of());

    assertThat(error.status()).isEqualTo(503);
    assertThat(error.message()).isEqualTo("upstream connect error");
  }

  @Test
  void usageIsReadWithTheGivenNormalizer() {
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json", "", Map.of()));
    DataPlane plane = plane(UsageNormalizer.OPENAI);
    byte[] chunk = ("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}").getBytes(UTF_8);

    assertThat(plane.usageIn(chunk, 0, chunk.length)).contains(new TokenUsage(6, 4, 0, 5, 0));
    assertThat(plane.usageIn(chunk, 0, 10)).isEmpty();
    assertThat(plane.name()).isEqualTo("test-plane");
  }

  @Test
  void aBaseThatIsNotHttpIsRefused() {
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json", "", Map.of()));

    assertThatThrownBy(() -> new OpenAiCompatibleDataPlane("x", URI.create("ftp://gw"), transport,
            HeaderDecorator.NONE, UsageNormalizer.OPENAI))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private UpstreamError errorFrom(int status, String type, String body, Map<String, String> headers)
      throws Exception {
    server = LoopbackServer.start(exchange -> respond(exchange, status, type, body, headers));
    DataPlane plane = plane(UsageNormalizer.OPENAI);
    try (UpstreamResponse response = plane.send(request(Endpoint.CHAT_COMPLETIONS, "{}", false,
        Optional.empty(), Optional.empty(), Duration.ofSeconds(5)))) {
      assertThat(response.head().isSuccess()).isFalse();
      return plane.errorOf(response.head(), OpenAiErrors.readBounded(response.body()));
    }
  }

  private DataPlane plane(UsageNormalizer normalizer) {
    return new OpenAiCompatibleDataPlane("test-plane", server.base(), transport,
        HeaderDecorator.NONE, normalizer);
  }
}
