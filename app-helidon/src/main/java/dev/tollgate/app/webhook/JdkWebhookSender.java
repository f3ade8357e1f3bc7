package dev.tollgate.app.webhook;

import dev.tollgate.port.out.webhook.WebhookSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a delivery with the JDK's HTTP client: bounded by one timeout (connect and answer), no
 * redirects followed (a 3xx is a failed attempt: a receiver that moved is reconfigured, not
 * chased), the answer's body discarded. The client (its TLS context, a selector thread) is made at
 * the first delivery, not at start: most deployments send few webhooks or none, and building it
 * was a tenth of the main thread's start-up.
 */
public final class JdkWebhookSender implements WebhookSender, AutoCloseable {

  private final Duration timeout;
  private HttpClient http; // guarded by this
  private boolean closed; // guarded by this

  public JdkWebhookSender(Duration timeout) {
    this.timeout = timeout;
  }

  private synchronized HttpClient http() throws IOException {
    if (closed) {
      throw new IOException("the webhook sender is closed: the service is stopping");
    }
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(timeout)
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return http;
  }

  @Override
  public SendResult send(URI url, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      HttpResponse<Void> answer = http().send(request.build(), HttpResponse.BodyHandlers.discarding());
      return new SendResult.Answered(answer.statusCode());
    } catch (IOException | IllegalArgumentException e) {
      return new SendResult.Unreachable(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.Unreachable("interrupted: the service is stopping");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (http != null) {
      http.close();
    }
  }
}
