import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK HttpClient alone, configured as Tollgate's HttpTransport configures it (HTTP/1.1, no
 * redirects, a small fixed executor), POSTing to the mock upstream from N virtual threads with
 * blocking send + InputStream body, as ProxyHandler does. Prints the process CPU per request, the
 * share of Tollgate's per-request budget that the upstream client takes by itself.
 *
 *   java benchmarks/load/HttpClientProbe.java http://127.0.0.1:18080/v1/chat/completions 15 32
 *
 * Runs a warmup of the same length first; loopback only; at most 30 s per phase.
 */
public class HttpClientProbe {

  public static void main(String[] args) throws Exception {
    URI target = URI.create(args[0]);
    if (!target.getHost().equals("127.0.0.1")) {
      throw new IllegalArgumentException("loopback only");
    }
    int seconds = Math.min(30, Integer.parseInt(args[1]));
    int concurrency = Integer.parseInt(args[2]);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
        .executor(executor).build();
    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").header("accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .build();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (String phase : new String[] {"warmup", "measure"}) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      AtomicLong done = new AtomicLong();
      try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < concurrency; i++) {
          callers.submit(() -> {
            while (System.nanoTime() < end) {
              try (var body = client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                body.readAllBytes();
              }
              done.incrementAndGet();
            }
            return null;
          });
        }
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s -c %d: %d requests, %.0f/s, %.1f us CPU/request (whole JVM)%n", phase,
          concurrency, done.get(), done.get() / wall, (os.getProcessCpuTime() - cpu0) / 1e3 / done.get());
    }
    client.shutdownNow();
    executor.shutdownNow();
  }
}
