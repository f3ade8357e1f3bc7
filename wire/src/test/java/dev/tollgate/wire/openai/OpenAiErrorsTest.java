package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorsTest {

  private static final String TEXT = "text/plain";
  private static final String JSON = "application/json";

  private final OpenAiErrors errors =
      new OpenAiErrors(Clock.fixed(Instant.parse("2026-08-21T10:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest(name = "{0} text/plain -> {1} {2}/{3}")
  @CsvSource({
    "400, 400, invalid_request_error, invalid_request",
    "401, 502, upstream_error, upstream_auth_failed",
    "403, 502, upstream_error, upstream_auth_failed",
    "404, 502, upstream_error, upstream_no_route",
    "408, 504, upstream_error, upstream_timeout",
    "413, 413, invalid_request_error, request_too_large",
    "418, 502, upstream_error, upstream_error",
    "429, 429, rate_limit_error, upstream_saturated",
    "500, 502, upstream_error, upstream_error",
    "502, 502, upstream_error, upstream_error",
    "503, 503, upstream_error, upstream_unavailable",
    "504, 504, upstream_error, upstream_timeout",
    "529, 503, upstream_error, upstream_unavailable",
    "302, 502, upstream_error, upstream_error",
  })
  void plainTextErrorsAreRewrappedByStatus(int upstream, int status, String type, String code) {
    UpstreamError error = errors.of(head(upstream, TEXT), bytes("something went wrong\n"));

    assertThat(error.status()).isEqualTo(status);
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.code()).isEqualTo(code);
  }

  @Test
  void anUpstreamAuthFailureNeverEchoesTheUpstreamMessage() {
    UpstreamError error = errors.of(head(401, JSON), bytes(
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abc\",\"code\":\"invalid_api_key\"}}"));

    assertThat(error.status()).isEqualTo(502);
    assertThat(error.message()).doesNotContain("sk-proj").contains("401");
  }

  @Test
  void openAiJsonKeepsItsMessageTypeCodeAndParam() {
    UpstreamError error = errors.of(head(400, JSON), bytes("""
        {"error":{"code":"unsupported_parameter","message":"Unsupported parameter: 'max_tokens' is \
        not supported with this model. Use 'max_completion_tokens' instead.","param":"max_tokens",\
        "type":"invalid_request_error"}}"""));

    assertThat(error).isEqualTo(new UpstreamError(400, "invalid_request_error",
        "unsupported_parameter", "Unsupported parameter: 'max_tokens' is not supported with this"
            + " model. Use 'max_completion_tokens' instead.", Optional.empty(),
        Optional.of("max_tokens")));
  }

  @Test
  void aParamIsKeptOnlyWhereTheClientIsAtFault() {
    UpstreamError vllm = errors.of(head(400, JSON), bytes("""
        {"object":"error","message":"temperature must be at most 2","type":"BadRequestError",        "param":"temperature","code":400}"""));
    UpstreamError serverSide = errors.of(head(500, JSON), bytes(
        "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":\"x\"}}"));
    UpstreamError noParam = errors.of(head(400, JSON), bytes(
        "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":null}}"));

    assertThat(vllm.param()).contains("temperature");
    assertThat(serverSide.param()).isEmpty();
    assertThat(noParam.param()).isEmpty();
  }

  @Test
  void aMissingModelStaysA404() {
    UpstreamError openAi = errors.of(head(404, JSON), bytes("""
        {"error":{"message":"The model `gpt-4.1-nano-wrong` does not exist or you do not have \
        access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"""));
    UpstreamError vllm = errors.of(head(404, JSON), bytes("""
        {"object":"error","message":"The model `foo` does not exist.","type":"NotFoundError",\
        "param":null,"code":404}"""));

    assertThat(List.of(openAi, vllm)).allSatisfy(error -> {
      assertThat(error.status()).isEqualTo(404);
      assertThat(error.code()).isEqualTo("model_not_found");
      assertThat(error.param()).contains("model");
    });
  }

  @Test
  void envoyShapedErrorsAreUnwrappedEvenWhenTheyWrapAnOpenAiError() {
    UpstreamError plain = errors.of(head(400, JSON), bytes(
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad tool\"}}"));
    UpstreamError wrapped = errors.of(head(400, JSON), bytes("""
        {"type":"error","error":{"type":"Bad Request","code":"400","message":\
        "{\\"error\\":{\\"message\\":\\"bad role\\",\\"type\\":\\"invalid_request_error\\",\
        \\"code\\":\\"invalid_value\\"}}"}}"""));

    assertThat(plain.message()).isEqualTo("bad tool");
    assertThat(plain.type()).isEqualTo("invalid_request_error");
    assertThat(wrapped.message()).isEqualTo("bad role");
    assertThat(wrapped.code()).isEqualTo("invalid_value");
  }

  @Test
  void saturationRetriesAfterOneSecondAndSaysWhyItWasDropped() {
    UpstreamError error = errors.of(
        head(429, TEXT, Map.of(OpenAiErrors.DROPPED_REASON, "queue full")), bytes(""));

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(error.message()).contains("queue full");
  }

  @Test
  void theUpstreamsRetryAfterWinsInSecondsOrAsADate() {
    UpstreamError seconds = errors.of(head(429, TEXT, Map.of("retry-after", "7")), bytes("slow"));
    UpstreamError date = errors.of(
        head(503, TEXT, Map.of("retry-after", "Fri, 21 Aug 2026 10:00:20 GMT")), bytes("down"));
    UpstreamError none = errors.of(head(503, TEXT), bytes("no healthy upstream"));

    assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(date.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(none.retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(none.message()).isEqualTo("no healthy upstream");
  }

  @Test
  void otherStructuredClientErrorsKeepTheirStatus() {
    UpstreamError error = errors.of(head(409, JSON), bytes(
        "{\"error\":{\"message\":\"conflict\",\"type\":\"invalid_request_error\"}}"));

    assertThat(error.status()).isEqualTo(409);
    assertThat(error.code()).isEqualTo("upstream_rejected");
  }

  @Test
  void fastApiValidationErrorsBecome400() {
    UpstreamError error = errors.of(head(422, JSON), bytes("{\"detail\":\"field required\"}"));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.message()).isEqualTo("field required");
  }

  @Test
  void longMultiLineTextIsFoldedAndBounded() {
    String trace = "Traceback (most recent call last):\n  File \"x.py\"\n" + "x".repeat(10_000);
    UpstreamError error = errors.of(head(500, TEXT), bytes(trace));

    assertThat(error.message()).startsWith("Traceback (most recent call last): File \"x.py\" xxx");
    assertThat(error.message()).hasSize(ErrorBody.MAX_MESSAGE_CHARS).doesNotContain("\n");
  }

  @Test
  void aBodyBeyondTheReadBoundIsTreatedAsText() {
    String huge = "{\"error\":{\"message\":\"" + "y".repeat(OpenAiErrors.MAX_BODY_BYTES) + "\"}}";
    UpstreamError error = errors.of(head(400, JSON), bytes(huge));

    assertThat(error.message()).startsWith("{\"error\":").hasSize(ErrorBody.MAX_MESSAGE_CHARS);
  }

  @Test
  void anEmptyBodyGetsAGenericMessage() {
    assertThat(errors.of(head(502, TEXT), new byte[0]).message()).contains("502");
  }

  private static UpstreamResponseHead head(int status, String contentType) {
    return head(status, contentType, Map.of());
  }

  private static UpstreamResponseHead head(int status, String contentType, Map<String, String> more) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("content-type", List.of(contentType));
    more.forEach((name, value) -> headers.put(name, List.of(value)));
    return new UpstreamResponseHead(status, headers);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
