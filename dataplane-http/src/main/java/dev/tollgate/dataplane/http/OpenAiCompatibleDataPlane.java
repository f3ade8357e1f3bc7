package dev.tollgate.dataplane.http;

import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import dev.tollgate.wire.anthropic.AnthropicUsageReader;
import dev.tollgate.wire.openai.OpenAiErrors;
import dev.tollgate.wire.openai.OpenAiUsageReader;
import dev.tollgate.wire.openai.UsageNormalizer;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DataPlane} that speaks OpenAI's HTTP API: requests go out through an
 * {@link HttpTransport}, usage is found by {@link OpenAiUsageReader} and interpreted by the
 * adapter's {@link UsageNormalizer}, errors are re-wrapped by {@link OpenAiErrors}. Adapters compose
 * one with their own {@link HeaderDecorator} and normalizer rather than subclassing it.
 *
 * <p>It does not own the transport: whoever built the transport closes it.
 */
public final class OpenAiCompatibleDataPlane implements DataPlane {

  private final String name;
  private final URI base;
  private final HttpTransport transport;
  private final HeaderDecorator headers;
  private final UsageNormalizer normalizer;
  private final OpenAiErrors errors;

  /**
   * @param name the data plane's short name for logs and metrics
   * @param base where the data plane listens, e.g. {@code http://agentgateway:8080}; a path prefix
   *     is kept and the endpoint's path appended
   */
  public OpenAiCompatibleDataPlane(
      String name,
      URI base,
      HttpTransport transport,
      HeaderDecorator headers,
      UsageNormalizer normalizer) {
    if (name == null || name.isBlank() || base == null || transport == null || headers == null
        || normalizer == null) {
      throw new IllegalArgumentException("name, base, transport, headers and normalizer are required");
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw new IllegalArgumentException("base must be an http(s) URI: " + base);
    }
    this.name = name;
    this.base = base;
    this.transport = transport;
    this.headers = headers;
    this.normalizer = normalizer;
    this.errors = new OpenAiErrors(Clock.systemUTC());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public UpstreamResponse send(UpstreamRequest request) {
    return transport.send(base, request, withClientHeaders(request, headers.headersFor(request)));
  }

  /** The client's passed-on headers (Anthropic's version and betas), under the adapter's own. */
  private static Map<String, String> withClientHeaders(
      UpstreamRequest request, Map<String, String> own) {
    if (request.clientHeaders().isEmpty()) {
      return own;
    }
    Map<String, String> all = new HashMap<>(request.clientHeaders());
    all.putAll(own);
    return all;
  }

  /**
   * Anthropic's own usage shape: agentgateway's and Envoy AI Gateway's Messages routes and the
   * simulator answer {@code /v1/messages} in Anthropic's shape whatever the provider.
   */
  @Override
  public Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
    return AnthropicUsageReader.read(json, offset, length);
  }

  @Override
  public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
    return OpenAiUsageReader.read(json, offset, length).map(normalizer::normalize);
  }

  @Override
  public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
    return errors.of(head, body);
  }
}
