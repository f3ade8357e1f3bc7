package dev.tollgate.dataplane.http;

import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.port.out.reconcile.CountersUnavailableException;
import dev.tollgate.port.out.reconcile.DataPlaneCounters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One data-plane instance's token counters, scraped from its Prometheus endpoint (agentgateway's
 * stats port {@code :15020/metrics}, Envoy AI Gateway's external processor's {@code :1064/metrics})
 * with the JDK's HTTP client, and read by {@link TokenUsageExposition}.
 */
public final class PrometheusTokenCounters implements DataPlaneCounters {

  /** The largest exposition read (a data plane's whole scrape, all its metrics). */
  static final int MAX_BYTES = 32 * 1024 * 1024;

  private final URI url;
  private final TokenUsageExposition exposition;
  private final HttpClient client;
  private final Duration timeout;

  public PrometheusTokenCounters(URI url, TokenUsageExposition exposition, HttpClient client,
      Duration timeout) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("a metrics URL is http or https: " + url);
    }
    this.url = url;
    this.exposition = exposition;
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public String target() {
    return url.toString();
  }

  @Override
  public TokenCounters read() {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("accept", "text/plain;version=0.0.4, application/openmetrics-text;q=0.5").GET()
        .build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new CountersUnavailableException("answered " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new CountersUnavailableException("more than " + MAX_BYTES + " bytes");
        }
        return exposition.read(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new CountersUnavailableException("unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CountersUnavailableException("interrupted", e);
    }
  }
}
