package dev.tollgate.deploy;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients calling {@code /v1/chat/completions} with one key, each on its own keep-alive
 * connections (as an application's HTTP client pool does), sorting every answer: a 2xx (its
 * request id kept), a budget refusal (the maximum cost it names kept), anything else, or no answer.
 */
final class ChatLoad implements AutoCloseable {

  private static final String BODY = "{\"model\":\"sim-small\",\"max_tokens\":24,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"roll the deployment\"}]}";
  private static final Pattern MAY_COST = Pattern.compile("may cost up to \\$([0-9.]+)");
  private static final int SAMPLES = 20;

  final Set<String> answered2xx = ConcurrentHashMap.newKeySet();
  final AtomicInteger duplicate2xx = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger unanswered = new AtomicInteger();
  final AtomicLong refusedMaxCostNanoUsd = new AtomicLong();
  final Queue<String> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  private final String url;
  private final String key;

  /**
   * @param maxCalls calls in all, across the clients
   * @param pause each client's pause after each call (zero: a blast)
   */
  ChatLoad(String base, String key, int threads, int maxCalls, Duration pause) {
    this.url = base + "/v1/chat/completions";
    this.key = key;
    for (int i = 0; i < threads; i++) {
      clients.add(Thread.ofPlatform().daemon().name("chat-client-" + i).start(() -> {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build()) {
          while (running.get() && calls.getAndIncrement() < maxCalls) {
            call(http);
            sleep(pause);
          }
        }
      }));
    }
  }

  private void call(HttpClient http) {
    try {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
      sort(res);
    } catch (IOException e) {
      unanswered.incrementAndGet();
      sample("no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unanswered.incrementAndGet();
    }
  }

  private void sort(HttpResponse<String> res) {
    int status = res.statusCode();
    if (status / 100 == 2) {
      if (!answered2xx.add(res.headers().firstValue("x-request-id").orElseThrow())) {
        duplicate2xx.incrementAndGet();
      }
    } else if (status == 429 && res.body().contains("insufficient_quota")) {
      refused.incrementAndGet();
      Matcher m = MAY_COST.matcher(res.body());
      if (m.find()) {
        refusedMaxCostNanoUsd.set(new BigDecimal(m.group(1)).movePointRight(9).longValueExact());
      }
    } else {
      failed.incrementAndGet();
      sample(status + " " + res.body());
    }
  }

  private void sample(String what) {
    if (samples.size() < SAMPLES) {
      samples.add(what);
    }
  }

  int ok() {
    return answered2xx.size();
  }

  /** Waits until every client made its calls (or was closed). */
  void awaitDone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : clients) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      t.join(left);
      if (t.isAlive()) {
        throw new AssertionError("the load did not finish within " + timeout);
      }
    }
  }

  String summary() {
    return "%d calls: %d 2xx, %d budget 429, %d other answers, %d unanswered; samples %s".formatted(
        Math.min(calls.get(), ok() + refused.get() + failed.get() + unanswered.get()), ok(), refused.get(),
        failed.get(), unanswered.get(), samples);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    awaitDone(Duration.ofSeconds(60));
  }

  private static void sleep(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
