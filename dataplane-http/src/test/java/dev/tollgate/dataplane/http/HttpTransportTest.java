package dev.tollgate.dataplane.http;

import static dev.tollgate.dataplane.http.LoopbackServer.request;
import static dev.tollgate.dataplane.http.LoopbackServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), GENEROUS);
  private final CountDownLatch release = new CountDownLatch(1);
  private LoopbackServer server;

  @AfterEach
  void stop() {
    release.countDown();
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aJsonRequestGoesOutWithItsIdAndHeadersAndTheAnswerComesBack() throws Exception {
    String answer = "{\"id\":\"x\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}";
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json", answer,
        Map.of("X-Upstream-Thing", "yes")));

    try (UpstreamResponse response = transport.send(server.base(),
        request(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}", false, Optional.empty(),
            Optional.empty(), GENEROUS),
        Map.of("x-route", "blue"))) {
      assertThat(response.head().status()).isEqualTo(200);
      assertThat(response.head().headers().keySet()).allMatch(n -> n.equals(n.toLowerCase()));
      assertThat(response.head().header("x-upstream-thing")).contains("yes");
      assertThat(response.head().isJson()).isTrue();
      assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo(answer);
    }
    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.header("content-type")).contains("application/json");
    assertThat(seen.header("accept")).contains("application/json");
    assertThat(seen.header("x-request-id")).contains("req-42");
    assertThat(seen.header("x-route")).contains("blue");
    assertThat(new String(seen.body(), UTF_8)).isEqualTo("{\"model\":\"m\"}");
  }

  @Test
  void anAudioFormGoesOutWithTheClientsTypeAndBoundaryByteForByte() throws Exception {
    String form = "--b1\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
        + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\nRIFF\u0000\u00ff\r\n--b1--\r\n";
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "text/plain", "hello",
        Map.of()));
    UpstreamRequest audio = request(Endpoint.AUDIO_TRANSCRIPTIONS, form, false, Optional.empty(),
        Optional.empty(), GENEROUS);
    audio = new UpstreamRequest(audio.endpoint(), form.getBytes(java.nio.charset.StandardCharsets
        .ISO_8859_1), false, audio.requestId(), audio.upstreamModel(), audio.tenant(),
        audio.objective(), audio.fairnessId(), audio.timeout(),
        Map.of("content-type", "multipart/form-data; boundary=b1"));

    try (UpstreamResponse response = transport.send(server.base(), audio, audio.clientHeaders())) {
      assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo("hello");
    }
    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.path()).isEqualTo("/v1/audio/transcriptions");
    assertThat(seen.header("content-type")).contains("multipart/form-data; boundary=b1");
    assertThat(seen.header("accept")).contains("*/*");
    assertThat(seen.body()).isEqualTo(form.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void theBasePathIsKeptAndTheEndpointPathAppended() {
    URI base = URI.create("http://gw.internal:8080/tenant-gw/");

    assertThat(HttpTransport.target(base, Endpoint.EMBEDDINGS))
        .isEqualTo(URI.create("http://gw.internal:8080/tenant-gw/v1/embeddings"));
    assertThat(HttpTransport.target(URI.create("http://gw:80"), Endpoint.RESPONSES))
        .isEqualTo(URI.create("http://gw:80/v1/responses"));
  }

  @Test
  void aStreamedBodyIsReadAsItArrivesNotWhenItEnds() throws Exception {
    CountDownLatch clientSawFirst = new CountDownLatch(1);
    AtomicBoolean lastWrittenAfterFirstWasSeen = new AtomicBoolean();
    server = LoopbackServer.start(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("data: first\n\n".getBytes(UTF_8));
      out.flush();
      lastWrittenAfterFirstWasSeen.set(clientSawFirst.await(10, TimeUnit.SECONDS));
      out.write("data: last\n\n".getBytes(UTF_8));
      out.close();
    });

    try (UpstreamResponse response = transport.send(server.base(),
        request(Endpoint.CHAT_COMPLETIONS, "{}", true, Optional.empty(), Optional.empty(), GENEROUS),
        Map.of())) {
      assertThat(readUntil(response.body(), "data: first\n\n")).isTrue();
      clientSawFirst.countDown();
      assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo("data: last\n\n");
    }
    assertThat(lastWrittenAfterFirstWasSeen).isTrue();
    assertThat(server.takeRequest().header("accept")).contains("text/event-stream");
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    assertThatThrownBy(() -> transport.send(closed, anyRequest(GENEROUS), Map.of()))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
  }

  @Test
  void aHeadSlowerThanTheRequestTimeoutIsATimeout() {
    server = LoopbackServer.start(exchange -> {
      release.await(10, TimeUnit.SECONDS);
      respond(exchange, 200, "application/json", "{}", Map.of());
    });

    assertThatThrownBy(() -> transport.send(server.base(), anyRequest(Duration.ofMillis(200)),
            Map.of()))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void theTransportCeilingCapsALongerRequestTimeout() {
    server = LoopbackServer.start(exchange -> {
      release.await(10, TimeUnit.SECONDS);
      respond(exchange, 200, "application/json", "{}", Map.of());
    });

    try (HttpTransport capped = new HttpTransport(Duration.ofSeconds(1), Duration.ofMillis(200))) {
      assertThatThrownBy(() -> capped.send(server.base(), anyRequest(GENEROUS), Map.of()))
          .isInstanceOfSatisfying(DataPlaneException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }
  }

  @Test
  void aBodyThatKeepsArrivingIsNotCutThoughItTakesLongerThanTheTimeout() throws Exception {
    server = LoopbackServer.start(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      for (int i = 0; i < 6; i++) {
        exchange.getResponseBody().write(("data: " + i + "\n\n").getBytes(UTF_8));
        exchange.getResponseBody().flush();
        Thread.sleep(100);
      }
      exchange.getResponseBody().close();
    });

    try (UpstreamResponse response =
        transport.send(server.base(), anyRequest(Duration.ofMillis(400)), Map.of())) {
      assertThat(new String(response.body().readAllBytes(), UTF_8)).endsWith("data: 5\n\n");
    }
  }

  @Test
  void aBodyThatStallsLongerThanTheTimeoutIsCutWithAnIoException() throws Exception {
    server = LoopbackServer.start(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("data: first\n\n".getBytes(UTF_8));
      exchange.getResponseBody().flush();
      release.await(10, TimeUnit.SECONDS);
      exchange.getResponseBody().close();
    });

    try (UpstreamResponse response =
        transport.send(server.base(), anyRequest(Duration.ofMillis(200)), Map.of())) {
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aStalledBodyTimesOutAsASocketTimeoutNotBeforeItsTimeoutAndLeavesTheTransportServing()
      throws Exception {
    AtomicBoolean stall = new AtomicBoolean(true);
    server = LoopbackServer.start(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("data: first\n\n".getBytes(UTF_8));
      exchange.getResponseBody().flush();
      if (stall.getAndSet(false)) {
        release.await(10, TimeUnit.SECONDS);
      }
      exchange.getResponseBody().close();
    });

    try (UpstreamResponse response =
        transport.send(server.base(), anyRequest(Duration.ofMillis(300)), Map.of())) {
      InputStream body = response.body();
      assertThat(new String(body.readNBytes(13), UTF_8)).isEqualTo("data: first\n\n");
      long waiting = System.nanoTime();
      assertThatThrownBy(body::readAllBytes).isInstanceOf(java.net.SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - waiting))
          .as("cut by the timeout, not before it, and not by the server's release after 10 s")
          .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }
    try (UpstreamResponse next = transport.send(server.base(), anyRequest(GENEROUS), Map.of())) {
      assertThat(new String(next.body().readAllBytes(), UTF_8)).isEqualTo("data: first\n\n");
    }
  }

  @Test
  void aShortTimeoutAfterALongOneStillFiresOnTime() throws Exception {
    server = LoopbackServer.start(exchange -> {
      release.await(10, TimeUnit.SECONDS);
      respond(exchange, 200, "application/json", "{}", Map.of());
    });
    // The keeper plans to wake at the first read's deadline, 9 s away; the second read's comes
    // first and must wake it.
    Thread longer = Thread.ofVirtual().start(() -> {
      try (UpstreamResponse ignored =
          transport.send(server.base(), anyRequest(Duration.ofSeconds(9)), Map.of())) {
        // released by stop()
      } catch (RuntimeException expected) {
        // cut when the test ends
      }
    });
    Thread.sleep(200); // the first read waits

    long waiting = System.nanoTime();
    assertThatThrownBy(() -> transport.send(server.base(), anyRequest(Duration.ofMillis(300)),
            Map.of()))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - waiting))
        .as("cut at its own timeout, not at the earlier read's")
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    release.countDown();
    longer.join(Duration.ofSeconds(10));
  }

  @Test
  void anIdleTransportsDeadlineThreadSleepsUntilAReadWaits() throws Exception {
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json", "{}", Map.of()));
    Set<Thread> before = keeperThreads();
    try (HttpTransport fresh = new HttpTransport(Duration.ofSeconds(2), GENEROUS)) {
      Thread keeper = keeperThreads().stream().filter(t -> !before.contains(t)).findFirst()
          .orElseThrow();
      try (UpstreamResponse response =
          fresh.send(server.base(), anyRequest(Duration.ofMillis(300)), Map.of())) {
        assertThat(response.body().readAllBytes()).isNotEmpty();
      }
      // The keeper wakes once more, at the deadline it planned for (300 ms after the read began),
      // finds no read waiting and parks with no timeout: no ticking.
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (keeper.getState() != Thread.State.WAITING && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(keeper.getState()).isEqualTo(Thread.State.WAITING);
      Thread.sleep(100);
      assertThat(keeper.getState()).isEqualTo(Thread.State.WAITING);
    }
  }

  private static Set<Thread> keeperThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("tollgate-upstream-deadlines") && t.isAlive())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void closingTheTransportStopsItsDeadlineThread() throws Exception {
    HttpTransport other = new HttpTransport(Duration.ofSeconds(2), GENEROUS);
    long before = keepers();
    other.close();
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (keepers() >= before && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(keepers()).isLessThan(before);
  }

  private static long keepers() {
    return keeperThreads().size();
  }

  @Test
  void headersThatCouldSplitTheMessageAreRefused() {
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json", "{}", Map.of()));

    assertThatThrownBy(() -> transport.send(server.base(), anyRequest(GENEROUS),
            Map.of("x-route", "blue\r\nx-evil: 1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> transport.send(server.base(), anyRequest(GENEROUS),
            Map.of("content-length", "0")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new HttpTransport(Duration.ZERO, GENEROUS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTransport(GENEROUS, GENEROUS, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTransport(GENEROUS, GENEROUS, GENEROUS, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static dev.tollgate.port.out.UpstreamRequest anyRequest(Duration timeout) {
    return request(Endpoint.CHAT_COMPLETIONS, "{}", true, Optional.empty(), Optional.empty(),
        timeout);
  }

  /** Reads byte by byte until the text has arrived; false if the stream ended first. */
  private static boolean readUntil(InputStream in, String text) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] wanted = text.getBytes(UTF_8);
    for (int i = 0; i < wanted.length; i++) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      seen.write(b);
    }
    return seen.toString(UTF_8).equals(text);
  }
}
