import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Why Tollgate does not use Helidon 4.2's WebClient for the data plane: under concurrency its
 * keep-alive connection cache hands a connection to a second caller before the idle monitor of the
 * first release has started, and the monitor then reads the first byte of the second caller's
 * response ("Protocol is not HTTP" with "TTP" in the exception's hex dump). Configured exactly as
 * commit 069555d configured it; N virtual threads POST to the nginx mock for S seconds and every
 * distinct failure is printed in full.
 *
 * Needs helidon-webclient 4.2.0 on the class path (no longer a dependency of the project), e.g.
 * from a scratch pom that depends on io.helidon.webclient:helidon-webclient:4.2.0:
 *
 *   mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp "$(cat cp.txt)" benchmarks/load/HelidonWebClientRace.java http://127.0.0.1:18080/v1/chat/completions 60 32
 *
 * Measured 2026-11-24 (load 3-8 from other sessions): 5 failures in 1,265,389 requests, every one
 * "Protocol is not HTTP" with the protocol read as "TTP". Loopback only; at most 120 s.
 */
public class HelidonWebClientRace {

  public static void main(String[] args) throws Exception {
    URI target = URI.create(args[0]);
    if (!target.getHost().equals("127.0.0.1")) {
      throw new IllegalArgumentException("loopback only");
    }
    int seconds = Math.min(120, Integer.parseInt(args[1]));
    int threads = Integer.parseInt(args[2]);
    Duration read = Duration.ofSeconds(30);
    WebClient client = WebClient.builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(read)
        .followRedirects(false).keepAlive(true).sendExpectContinue(false)
        .shareConnectionCache(false).connectionCacheSize(256)
        .socketOptions(o -> o.tcpNoDelay(true).connectTimeout(Duration.ofSeconds(2)).readTimeout(read))
        .build();
    byte[] body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
        .getBytes();
    AtomicLong ok = new AtomicLong();
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        callers.submit(() -> {
          while (System.nanoTime() < end) {
            try (HttpClientResponse response = client.post().uri(target).readTimeout(read)
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
              response.inputStream().readAllBytes();
              String key = "status " + response.status().code();
              if (response.status().code() == 200) {
                ok.incrementAndGet();
              } else if (failures.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet() == 1) {
                System.out.println("FAILED: " + key);
              }
            } catch (RuntimeException e) {
              if (failures.computeIfAbsent(e.toString(), k -> new AtomicLong()).incrementAndGet() == 1) {
                System.out.println("FAILED: " + e);
              }
            }
          }
          return null;
        });
      }
    }
    System.out.println("ok " + ok + ", failed " + failures.values().stream().mapToLong(AtomicLong::get).sum());
  }
}
