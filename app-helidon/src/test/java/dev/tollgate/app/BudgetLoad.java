package dev.tollgate.app;

import java.math.BigDecimal;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients calling chat completions on one key through the balancer until a number of calls has
 * been made or they are stopped, sorting every answer: a 2xx (its {@code x-request-id}, the ledger
 * key, kept), a budget refusal (429; a false one when {@code budgetStillCovers} says the shared
 * store could still have held this request's maximum cost at that moment), a 503, a call nobody
 * answered (the balancer's 502 for a backend that died with it, or no answer at all) and anything
 * else.
 */
final class BudgetLoad implements AutoCloseable {

  /** The request every client sends: a fixed prompt and output, so every call costs the same. */
  static final String PROMPT = "blast";
  static final int MAX_TOKENS = 16;
  private static final String BODY = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + PROMPT + "\"}],\"max_tokens\":" + MAX_TOKENS + "}";
  private static final Pattern MAY_COST = Pattern.compile("may cost up to \\$([0-9.]+)");

  final Set<String> answered2xx = ConcurrentHashMap.newKeySet();
  final AtomicInteger duplicate2xx = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger falselyRefused = new AtomicInteger();
  final AtomicInteger unavailable = new AtomicInteger();
  final AtomicInteger unanswered = new AtomicInteger();
  final AtomicInteger other = new AtomicInteger();
  /** The largest "may cost up to" a refusal named, in nano-USD: the request's hold. */
  final AtomicLong refusedMaxCostNanoUsd = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String url;
  private final String key;
  private final BooleanSupplier budgetStillCovers;

  /**
   * @param maxCalls calls made in all, across the clients
   * @param pause each client's pause after each call (zero: a blast)
   */
  BudgetLoad(String base, String key, int threads, int maxCalls, Duration pause,
      BooleanSupplier budgetStillCovers) {
    this.url = base + "/v1/chat/completions";
    this.key = key;
    this.budgetStillCovers = budgetStillCovers;
    for (int i = 0; i < threads; i++) {
      clients.add(Thread.ofPlatform().daemon().name("budget-client-" + i).start(() -> {
        while (running.get() && calls.getAndIncrement() < maxCalls) {
          call();
          pause(pause);
        }
      }));
    }
  }

  private void call() {
    try {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
      sort(res);
    } catch (java.io.IOException e) {
      unanswered.incrementAndGet();
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
        long nano = new BigDecimal(m.group(1)).movePointRight(9).longValueExact();
        refusedMaxCostNanoUsd.accumulateAndGet(nano, Math::max);
      }
      if (budgetStillCovers.getAsBoolean()) {
        falselyRefused.incrementAndGet();
      }
    } else if (status == 503) {
      unavailable.incrementAndGet();
    } else if (status == 502 && res.headers().firstValue(RoundRobinBalancer.FAILURE_HEADER).isPresent()) {
      unanswered.incrementAndGet();
    } else {
      other.incrementAndGet();
    }
  }

  int ok() {
    return answered2xx.size();
  }

  /** Waits until every client has made its calls (or {@link #close} stopped them). */
  void awaitDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : clients) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        if (!t.join(Duration.ofNanos(left))) {
          throw new AssertionError("the load did not finish within " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Stops the clients; every call in flight ends (answered or failed) before this returns. */
  @Override
  public void close() {
    running.set(false);
    awaitDone(Duration.ofSeconds(60));
    http.close();
  }

  String summary() {
    return ok() + " 2xx, " + refused + " budget 429 (" + falselyRefused + " while the shared store still had room), "
        + unavailable + " 503, " + unanswered + " unanswered, " + other + " other";
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
