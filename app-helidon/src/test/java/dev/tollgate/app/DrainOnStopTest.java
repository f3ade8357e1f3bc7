package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A stop drains before it stops (issue 16: a rolling restart failed requests because Helidon's
 * stop, and its own SIGTERM hook, interrupt every running request after 500 ms): a stream running
 * when the stop begins is answered to its end, meanwhile readiness says {@code draining} and every
 * answer closes its connection, and the stop returns once nothing runs.
 */
class DrainOnStopTest {

  private static final String STREAM = "{\"model\":\"sim-small\",\"max_tokens\":30,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"finish me before you stop\"}]}";

  @Test
  void a_stream_running_at_the_stop_is_answered_to_its_end_while_the_server_drains() throws Exception {
    GatewayHarness gateway = GatewayHarness.simulated(Duration.ofMillis(60));
    String key = gateway.key().secret().reveal();
    int port = gateway.server.port();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<java.util.stream.Stream<String>> stream = http.send(
          HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build(), HttpResponse.BodyHandlers.ofLines());
      assertThat(stream.statusCode()).isEqualTo(200); // the stream is under way

      CompletableFuture<Void> stop = CompletableFuture.runAsync(gateway::close);
      RawConnection.Response ready = awaitDraining(port);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("draining");
      assertThat(ready.headers().get("connection")).isEqualTo("close");
      assertThat(stop).as("the stop waits for the stream").isNotDone();

      List<String> events = stream.body().filter(l -> !l.isEmpty()).toList();
      assertThat(events).hasSizeGreaterThan(10).last().isEqualTo("data: [DONE]");
      stop.get();
    }
  }

  /** Polls readiness on fresh connections until it says draining (the stop has begun). */
  private static RawConnection.Response awaitDraining(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      try (RawConnection c = new RawConnection(port)) {
        RawConnection.Response r = c.send("GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
        if (r.status() == 503) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("readiness never said draining");
  }
}
