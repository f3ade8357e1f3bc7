package dev.tollgate.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of chat calls on one key through the balancer by a number of clients, sorted:
 * 2xx (request ids kept), 429 for a rate limit, anything else (the first few kept).
 */
final class RateLoad {

  private static final String BODY = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"rpm\"}],\"max_tokens\":4}";

  final Set<String> answered2xx = ConcurrentHashMap.newKeySet();
  final AtomicInteger rateLimited = new AtomicInteger();
  final AtomicInteger other = new AtomicInteger();
  final Queue<String> samples = new ConcurrentLinkedQueue<>();
  final long elapsedMillis;

  RateLoad(String base, String key, int threads, int calls) throws InterruptedException {
    AtomicInteger made = new AtomicInteger();
    long started = System.nanoTime();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        clients.add(Thread.ofPlatform().daemon().start(() -> {
          while (made.getAndIncrement() < calls) {
            call(http, base, key);
          }
        }));
      }
      for (Thread t : clients) {
        t.join(Duration.ofSeconds(120));
      }
    }
    this.elapsedMillis = (System.nanoTime() - started) / 1_000_000;
  }

  private void call(HttpClient http, String base, String key) {
    try {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 == 2) {
        answered2xx.add(res.headers().firstValue("x-request-id").orElseThrow());
      } else if (res.statusCode() == 429 && res.body().contains("rate_limit_exceeded")) {
        rateLimited.incrementAndGet();
      } else {
        other.incrementAndGet();
        sample(res.statusCode() + " " + res.body().substring(0, Math.min(160, res.body().length())));
      }
    } catch (java.io.IOException e) {
      other.incrementAndGet();
      sample("no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample(String s) {
    if (samples.size() < 5) {
      samples.add(s);
    }
  }

  String summary() {
    return answered2xx.size() + " 2xx, " + rateLimited + " rate 429, " + other + " other in "
        + elapsedMillis + " ms" + (samples.isEmpty() ? "" : "; first: " + samples);
  }
}
