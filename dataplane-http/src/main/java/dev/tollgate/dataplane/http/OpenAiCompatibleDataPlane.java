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
 * adapter's {@link UsageNormalizer}, errors are re-wrapped by {@link OpenAiErrors}. An adapter is
 * this class given its name, its {@link HeaderDecorator} and its normalizer (agentgateway, Envoy
 * AI Gateway and the simulated data plane extend it with a constructor and nothing else), so the
 * {@link DataPlane} methods are final: what differs between data planes is only what the
 * constructor takes.
 *
 * <p>It owns the transport: {@link #close} closes it, and so does a constructor that refuses its
 * arguments, so an adapter never holds a transport of its own.
 */
public class OpenAiCompatibleDataPlane implements DataPlane, AutoCloseable {

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
   * @param transport closed with this data plane (or at once, if the arguments are refused)
   */
  public OpenAiCompatibleDataPlane(
      String name,
      URI base,
      HttpTransport transport,
      HeaderDecorator headers,
      UsageNormalizer normalizer) {
    if (transport == null) {
      throw new IllegalArgumentException("transport is required");
    }
    try {
      checkArguments(name, base, headers, normalizer);
    } catch (IllegalArgumentException e) {
      transport.close();
      throw e;
    }
    this.name = name;
    this.base = base;
    this.transport = transport;
    this.headers = headers;
    this.normalizer = normalizer;
    this.errors = new OpenAiErrors(Clock.systemUTC());
  }

  private static void checkArguments(
      String name, URI base, HeaderDecorator headers, UsageNormalizer normalizer) {
    if (name == null || name.isBlank() || base == null || headers == null || normalizer == null) {
      throw new IllegalArgumentException("name, base, transport, headers and normalizer are required");
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw new IllegalArgumentException("base must be an http(s) URI: " + base);
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final UpstreamResponse send(UpstreamRequest request) {
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
  public final Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
    return AnthropicUsageReader.read(json, offset, length);
  }

  @Override
  public final Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
    return OpenAiUsageReader.read(json, offset, length).map(normalizer::normalize);
  }

  @Override
  public final UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
    return errors.of(head, body);
  }

  /** Closes the transport: its idle connections now, the ones in use when they are given back. */
  @Override
  public void close() {
    transport.close();
  }
}
