package dev.tollgate.adapter.agentgateway;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where agentgateway listens and how to talk to it.
 *
 * @param baseUri agentgateway's OpenAI-compatible listener, e.g. {@code http://agentgateway:8080};
 *     a path prefix is kept
 * @param connectTimeout the longest a TCP connect may take
 * @param requestTimeout a ceiling on the wait for a response head; each request's own timeout
 *     applies when shorter. A non-streamed completion's head comes after the whole generation, so
 *     this is minutes, not seconds
 * @param objectiveHeader the header the endpoint picker reads the inference objective (priority)
 *     from
 * @param fairnessHeader the header the endpoint picker reads the fairness id from
 */
public record AgentgatewaySettings(
    URI baseUri,
    Duration connectTimeout,
    Duration requestTimeout,
    String objectiveHeader,
    String fairnessHeader) {

  public static final String DEFAULT_OBJECTIVE_HEADER = "x-llm-d-inference-objective";
  public static final String DEFAULT_FAIRNESS_HEADER = "x-llm-d-inference-fairness-id";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Set<String> OWNED_BY_THE_TRANSPORT =
      Set.of("accept", "content-type", "content-length", "host", "x-request-id", "connection");

  public AgentgatewaySettings {
    if (baseUri == null
        || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
      throw new IllegalArgumentException("baseUri must be an http(s) URI: " + baseUri);
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    requireHeaderName("objectiveHeader", objectiveHeader);
    requireHeaderName("fairnessHeader", fairnessHeader);
    if (objectiveHeader.equals(fairnessHeader)) {
      throw new IllegalArgumentException("objective and fairness need two headers: " + fairnessHeader);
    }
  }

  /** The defaults: 2 s to connect, 10 min to a response head, the llm-d header names. */
  public static AgentgatewaySettings defaults(URI baseUri) {
    return new AgentgatewaySettings(baseUri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_OBJECTIVE_HEADER, DEFAULT_FAIRNESS_HEADER);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void requireHeaderName(String name, String value) {
    if (value == null || !HEADER_NAME.matcher(value).matches()
        || OWNED_BY_THE_TRANSPORT.contains(value)) {
      throw new IllegalArgumentException(
          name + " must be a lower-case header name the transport does not own: " + value);
    }
  }
}
