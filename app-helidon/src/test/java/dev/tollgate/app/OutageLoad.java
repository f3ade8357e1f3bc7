package dev.tollgate.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients calling the gateway in a loop until stopped, recording the request id of every 2xx
 * answer (Tollgate's {@code x-request-id}, the ledger key) and counting the rest by status.
 */
final class OutageLoad implements AutoCloseable {

  private static final String BODY =
      "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"outage\"}],\"max_tokens\":16}";

  final Set<String> answered2xx = ConcurrentHashMap.newKeySet();
  final AtomicInteger answered503 = new AtomicInteger();
  final AtomicInteger otherAnswers = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final String key;

  OutageLoad(String base, String key, int threads) {
    this.base = base;
    this.key = key;
    for (int i = 0; i < threads; i++) {
      clients.add(Thread.ofPlatform().daemon().name("outage-client-" + i).start(() -> loop(base, key)));
    }
  }

  private void loop(String base, String key) {
    while (running.get()) {
      int status = call(http, base, key, otherAnswers);
      if (status == 503) {
        answered503.incrementAndGet();
        pause(50);
      } else if (status < 0) {
        failures.incrementAndGet();
        pause(50);
      }
    }
  }

  /** One call; its status (2xx ids go to {@link #answered2xx}), or -1 when no answer came. */
  private int call(HttpClient client, String base, String key, AtomicInteger others) {
    try {
      HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 == 2) {
        answered2xx.add(res.headers().firstValue("x-request-id").orElseThrow());
      } else if (res.statusCode() != 503) {
        others.incrementAndGet();
      }
      return res.statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** One more call, counted like the load's: its status. */
  int callOnce() {
    return call(http, base, key, otherAnswers);
  }

  int answeredSoFar() {
    return answered2xx.size();
  }

  /** Stops the clients; every call in flight ends (answered or failed) before this returns. */
  @Override
  public void close() {
    running.set(false);
    for (Thread t : clients) {
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
