package dev.tollgate.port.out.contract;

import dev.tollgate.port.out.UpstreamError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Error answers a data plane gives, each with the {@link UpstreamError} every adapter must make of
 * it. JSON bodies are verbatim from the Envoy AI Gateway cassettes (api.openai.com recordings at
 * v1.1.0) or in Envoy's {@code {"type":"error","error":{...}}} envelope; plain-text ones are what
 * agentgateway, Envoy and the inference pool's endpoint picker say themselves.
 */
final class RecordedErrors {

  /** One error answer and its meaning. */
  record Case(String name, int status, String contentType, String body,
      Map<String, String> headers, UpstreamError expected) {

    @Override
    public String toString() {
      return name;
    }
  }

  private RecordedErrors() {}

  private static final Optional<Duration> NONE = Optional.empty();

  /** cassette chat-bad-request.yaml, response body verbatim. */
  static final String OPENAI_BAD_REQUEST = """
      {
        "error": {
          "code": "unsupported_parameter",
          "message": "Unsupported parameter: 'max_tokens' is not supported with this model. \
      Use 'max_completion_tokens' instead.",
          "param": "max_tokens",
          "type": "invalid_request_error"
        }
      }""";

  /** cassette chat-unknown-model.yaml, response body verbatim. */
  static final String OPENAI_UNKNOWN_MODEL = """
      {
          "error": {
              "message": "The model `gpt-4.1-nano-wrong` does not exist or you do not have \
      access to it.",
              "type": "invalid_request_error",
              "param": null,
              "code": "model_not_found"
          }
      }
      """;

  static List<Case> all() {
    return List.of(
        new Case("a saturated inference pool: 429 with its Retry-After kept", 429, "text/plain",
            "inference pool saturated",
            Map.of("Retry-After", "7", "x-llm-d-request-dropped-reason", "saturated"),
            new UpstreamError(429, "rate_limit_error", "upstream_saturated",
                "inference pool saturated", Optional.of(Duration.ofSeconds(7)))),
        new Case("a token quota's empty 429 gets one second", 429, "text/plain", "",
            Map.of("x-envoy-ratelimited", "true"),
            new UpstreamError(429, "rate_limit_error", "upstream_saturated",
                "the data plane answered with status 429", Optional.of(Duration.ofSeconds(1)))),
        new Case("an empty inference pool: 503 named by the dropped reason", 503, "text/plain", "",
            Map.of("x-llm-d-request-dropped-reason", "no endpoints"),
            new UpstreamError(503, "upstream_error", "upstream_unavailable",
                "the inference pool dropped the request: no endpoints",
                Optional.of(Duration.ofSeconds(5)))),
        new Case("Envoy's own plain-text 503 keeps its Retry-After", 503, "text/plain",
            "no healthy upstream", Map.of("Retry-After", "2"),
            new UpstreamError(503, "upstream_error", "upstream_unavailable",
                "no healthy upstream", Optional.of(Duration.ofSeconds(2)))),
        new Case("a plain-text 404 is a missing route, not the client's fault", 404, "text/plain",
            "route not found", Map.of(),
            new UpstreamError(502, "upstream_error", "upstream_no_route", "route not found",
                NONE)),
        new Case("OpenAI's JSON 400 is kept, the field it names included", 400,
            "application/json", OPENAI_BAD_REQUEST, Map.of(),
            new UpstreamError(400, "invalid_request_error", "unsupported_parameter",
                "Unsupported parameter: 'max_tokens' is not supported with this model. "
                    + "Use 'max_completion_tokens' instead.", NONE, Optional.of("max_tokens"))),
        new Case("OpenAI's JSON 404 names the missing model", 404,
            "application/json; charset=utf-8", OPENAI_UNKNOWN_MODEL, Map.of(),
            new UpstreamError(404, "invalid_request_error", "model_not_found",
                "The model `gpt-4.1-nano-wrong` does not exist or you do not have access to it.",
                NONE, Optional.of("model"))),
        new Case("Envoy's error envelope is unwrapped", 503, "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"Service Unavailable\",\"message\":"
                + "\"upstream connect error or disconnect/reset before headers\"}}", Map.of(),
            new UpstreamError(503, "upstream_error", "upstream_unavailable",
                "upstream connect error or disconnect/reset before headers",
                Optional.of(Duration.ofSeconds(5)))),
        new Case("Envoy's envelope around a provider's JSON error is unwrapped once", 400,
            "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"Bad Request\",\"code\":\"400\",\"message\":"
                + "\"{\\\"error\\\":{\\\"message\\\":\\\"temperature must be at most 1\\\","
                + "\\\"type\\\":\\\"invalid_request_error\\\",\\\"code\\\":\\\"invalid_value\\\"}}\"}}",
            Map.of(),
            new UpstreamError(400, "invalid_request_error", "invalid_value",
                "temperature must be at most 1", NONE)));
  }
}
