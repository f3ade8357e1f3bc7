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
 * key, kept), a budget refusal (429), a 503, a call nobody answered (the balancer's 502 for a
 * backend that died with it, or no answer at all), Tollgate's 502 for a data plane it could not
 * reach, and anything else.
 *
 * <p>Each budget refusal is judged twice. <em>False</em>: even if every other call answered 2xx,
 * not answered, or still in flight cost its maximum, the budget had room for this one, so an exact
 * store would have admitted it (a lower bound on false refusals). <em>Store had room</em>: the
 * shared store's posted + held, read right after the refusal, left room for this request's
 * maximum cost (lease holds count as held, so this misses refusals a replica's stale slice caused
 * while another replica's lease sat idle).
 */
final class BudgetLoad implements AutoCloseable {

  /** The request every client sends: a fixed prompt and output, so every call costs the same. */
  static final String PROMPT = "blast";
  static final int MAX_TOKENS = 16;
  private static final String BODY = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + PROMPT + "\"}],\"max_tokens\":" + MAX_TOKENS + "}";
  private static final int MAX_SAMPLES = 5;
  private static final Pattern MAY_COST = Pattern.compile("may cost up to \\$([0-9.]+)");

  final Set<String> answered2xx = ConcurrentHashMap.newKeySet();
  final AtomicInteger duplicate2xx = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger falselyRefused = new AtomicInteger();
  final AtomicInteger refusedWhileStoreHadRoom = new AtomicInteger();
  final AtomicInteger unavailable = new AtomicInteger();
  final AtomicInteger unanswered = new AtomicInteger();
  /** Tollgate's own 502: it could not reach its data plane (nothing is owed). */
  final AtomicInteger upstreamFailed = new AtomicInteger();
  final AtomicInteger other = new AtomicInteger();
  /** The first few answers that were neither 2xx nor a budget refusal, for the report. */
  final java.util.Queue<String> samples = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The largest "may cost up to" a refusal named, in nano-USD: the request's hold. */
  final AtomicLong refusedMaxCostNanoUsd = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String url;
  private final String key;
  private final Budget budget;
  private final BooleanSupplier storeHasRoom;

  /**
   * What the refusals are judged against.
   *
   * @param earlierCalls calls of earlier loads on the key that may have been charged (2xx or unanswered)
   */
  record Budget(long limitNanoUsd, long maxCostNanoUsd, int earlierCalls) {
    /** Room for one more call if {@code calls} others cost their maximum. */
    boolean covers(long calls) {
      return (calls + 1) * maxCostNanoUsd <= limitNanoUsd;
    }
  }

  /**
   * @param maxCalls calls made in all, across the clients
   * @param pause each client's pause after each call (zero: a blast)
   * @param storeHasRoom whether the shared store has room for one more call now
   */
  BudgetLoad(String base, String key, int threads, int maxCalls, Duration pause, Budget budget,
      BooleanSupplier storeHasRoom) {
    this.url = base + "/v1/chat/completions";
    this.key = key;
    this.budget = budget;
    this.storeHasRoom = storeHasRoom;
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
    inFlight.incrementAndGet();
    try {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
      sort(res);
    } catch (java.io.IOException e) {
      unanswered.incrementAndGet();
      sample("no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unanswered.incrementAndGet();
    } finally {
      inFlight.decrementAndGet();
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
      if (budget.covers(budget.earlierCalls() + ok() + unanswered.get() + inFlight.get() - 1L)) {
        falselyRefused.incrementAndGet();
      }
      if (storeHasRoom.getAsBoolean()) {
        refusedWhileStoreHadRoom.incrementAndGet();
      }
    } else {
      if (status == 503) {
        unavailable.incrementAndGet();
      } else if (status == 502 && res.headers().firstValue(RoundRobinBalancer.FAILURE_HEADER).isPresent()) {
        unanswered.incrementAndGet();
      } else if (status == 502 && res.body().contains("\"upstream_error\"")) {
        upstreamFailed.incrementAndGet();
      } else {
        other.incrementAndGet();
      }
      sample(status + " " + res.headers().firstValue(RoundRobinBalancer.FAILURE_HEADER).orElse("")
          + res.body().substring(0, Math.min(160, res.body().length())));
    }
  }

  private void sample(String answer) {
    if (samples.size() < MAX_SAMPLES) {
      samples.add(answer);
    }
  }

  int ok() {
    return answered2xx.size();
  }

  /** Calls that may have been charged: answered 2xx or not answered at all. */
  int mayHaveCharged() {
    return ok() + unanswered.get();
  }

  boolean isRunning() {
    return clients.stream().anyMatch(Thread::isAlive);
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
    return ok() + " 2xx, " + refused + " budget 429 (" + falselyRefused + " false, " + refusedWhileStoreHadRoom
        + " while the shared store had room), " + unavailable + " 503, " + unanswered + " unanswered, "
        + upstreamFailed + " upstream 502, " + other + " other" + (samples.isEmpty() ? "" : "; first: " + samples);
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
