package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.app.config.ServerLimits;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.Tollgate;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken client sends, over raw sockets, at a running server: malformed framing,
 * forged keys with large bodies, connections that stall or drip, and a flood past the connection
 * cap. After each, a normal request still succeeds, every refusal is OpenAI-shaped, and a client's
 * hang-up is never counted as a server error. Timeouts are small here so the suite is quick; waits
 * are generous bounds, never speed assertions.
 */
class HostileClientTest {

  // Short for a quick suite, long enough that a normal request on a loaded machine never
  // misses one (the body deadline runs from the headers until the handler has read the body).
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static final ServerLimits LIMITS = new ServerLimits(
      10_000, SHORT, SHORT, SHORT, 1_000, 64L * 1024 * 1024, Duration.ZERO, SHORT);
  private static final String CHAT =
      "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static GatewayHarness gateway;
  private static String key;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(LIMITS);
    key = gateway.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void a_normal_request_still_succeeds() throws IOException {
    assertThat(chat(gateway, key).status()).isEqualTo(200);
  }

  // --- connections that never finish a request are reaped ---

  @Test
  void an_idle_connection_that_sends_nothing_is_closed() throws IOException {
    try (RawConnection c = open()) {
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_connection_stalled_in_the_middle_of_its_headers_is_closed() throws IOException {
    try (RawConnection c = open()) {
      c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nContent-Type: app");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_connection_dripping_its_headers_is_closed() throws Exception {
    try (RawConnection c = open()) {
      c.send("POST /v1/chat/completions HTTP/1.1\r\n");
      boolean cut = false;
      for (int i = 0; i < 400 && !cut; i++) { // 400 x 50 ms: far past the 2 s header timeout
        try {
          c.send("X");
          Thread.sleep(50);
        } catch (IOException closed) {
          cut = true;
        }
      }
      assertThat(cut || c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_body_shorter_than_its_content_length_is_closed() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Content-Length: 100\r\n") + "{\"model\":");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_client_that_hangs_up_mid_body_is_counted_as_499_never_as_a_server_error() throws Exception {
    String route = "route=\"/v1/chat/completions\",status=";
    double before499 = sample(scrape(), "tollgate_requests_total{reason=\"none\"," + route + "\"499\"}");

    for (int i = 0; i < 3; i++) {
      try (RawConnection c = open()) {
        c.send(post("/v1/chat/completions", key, "Content-Length: 100\r\n") + "{\"model\":");
      } // closed by the client mid-body
    }
    String scrape = scrape();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // each on its own thread
    while (sample(scrape, "tollgate_requests_total{reason=\"none\"," + route + "\"499\"}")
        < before499 + 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      scrape = scrape();
    }

    assertThat(sample(scrape, "tollgate_requests_total{reason=\"none\"," + route + "\"499\"}"))
        .isEqualTo(before499 + 3);
    assertThat(scrape).doesNotContain(route + "\"500\"")
        .contains("http_server_requests_seconds_count{method=\"POST\",status=\"499\","
            + "uri=\"/v1/chat/completions\"}");
  }

  // --- framing ---

  @Test
  void a_negative_content_length_is_400_at_once() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Content-Length: -1\r\n"));
      assertError(c.readResponse(), 400, "invalid_request_error");
    }
  }

  @Test
  void two_different_content_lengths_are_400() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Content-Length: 2\r\nContent-Length: 5\r\n") + "{}");
      assertError(c.readResponse(), 400, "invalid_request_error");
    }
  }

  @Test
  void a_content_length_beside_chunked_encoding_is_400() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key,
          "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n") + "2\r\n{}\r\n0\r\n\r\n");
      assertError(c.readResponse(), 400, "invalid_request_error");
    }
  }

  @Test
  void an_encoding_other_than_chunked_is_400() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Transfer-Encoding: gzip, chunked\r\n")
          + "2\r\n{}\r\n0\r\n\r\n");
      assertError(c.readResponse(), 400, "invalid_request_error");
    }
  }

  @Test
  void a_malformed_chunk_size_is_400() throws IOException {
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Transfer-Encoding: chunked\r\n")
          + "zz\r\n{}\r\n0\r\n\r\n");
      assertError(c.readResponse(), 400, "invalid_request_error");
    }
  }

  @Test
  void http_1_0_is_refused_as_the_clients_protocol_not_a_server_fault() throws IOException {
    try (RawConnection c = open()) {
      c.send("GET /healthz HTTP/1.0\r\n\r\n");
      assertError(c.readResponse(), 505, "invalid_request_error");
    }
  }

  // --- forged keys ---

  @Test
  void a_forged_key_gets_401_before_its_body_is_sent() throws IOException {
    IssuedKey elsewhere = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom())
        .issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("acme")), "forged"));
    try (RawConnection c = open()) {
      // 4 MiB announced and none of it sent: the answer cannot depend on reading it.
      c.send(post("/v1/chat/completions", elsewhere.secret().reveal(), "Content-Length: 4194304\r\n"));
      JsonNode error = assertError(c.readResponse(), 401, "invalid_request_error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    }
  }

  @Test
  void a_revoked_key_gets_401_before_its_body_is_sent() throws IOException {
    IssuedKey revoked = gateway.key();
    gateway.tollgate().revokeKey().revoke(revoked.key().id());
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", revoked.secret().reveal(), "Content-Length: 4194304\r\n"));
      JsonNode error = assertError(c.readResponse(), 401, "invalid_request_error");
      assertThat(error.path("code").asText()).isEqualTo("key_blocked");
    }
  }

  @Test
  void a_prompt_past_the_tokenizer_bound_is_admitted_on_a_byte_estimate() throws IOException {
    String prompt = "a".repeat(200_000); // 200x the 1,000-character tokenizer bound of this server
    String body = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    try (RawConnection c = open()) {
      c.send(post("/v1/chat/completions", key, "Content-Length: " + body.length() + "\r\n") + body);
      assertThat(c.readResponse().status()).isEqualTo(200);
    }
  }

  // --- logs ---

  @Test
  void cut_off_bodies_log_one_short_line_each_and_a_bounded_number() throws Exception {
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public synchronized void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      for (int i = 0; i < 40; i++) {
        try (RawConnection c = open()) {
          c.send(post("/v1/chat/completions", key, "Content-Length: 100\r\n") + "{\"model\":");
        } // closed by the client mid-body
      }
      a_normal_request_still_succeeds(); // the last cut-off has been handled by now
    } finally {
      root.removeHandler(capture);
    }
    synchronized (capture) {
      assertThat(records).allSatisfy(r -> assertThat(r.getThrown()).isNull());
      assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
      assertThat(records.stream().filter(r -> r.getMessage().contains("ended before its length was read")).count())
          .isBetween(1L, 20L);
    }
  }

  // --- bounded resources: a server of its own each, with tight bounds ---

  @Test
  void connections_past_the_cap_wait_in_the_queue_and_are_served_when_room_frees() throws Exception {
    ServerLimits tight = new ServerLimits(16, Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), 1_000, 64L * 1024 * 1024, Duration.ZERO, Duration.ofSeconds(5));
    try (GatewayHarness small = GatewayHarness.simulated(tight)) {
      String k = small.key().secret().reveal();
      List<RawConnection> idle = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        idle.add(new RawConnection(small.server.port()));
      }
      try (RawConnection queued = new RawConnection(small.server.port())) {
        queued.send(post("/v1/chat/completions", k, "Content-Length: " + CHAT.length() + "\r\n") + CHAT);
        queued.readTimeout(Duration.ofMillis(500));
        assertThatThrownBy(queued::readResponse).isInstanceOf(SocketTimeoutException.class);
        for (RawConnection c : idle) {
          c.close();
        }
        queued.readTimeout(RawConnection.READ_TIMEOUT);
        assertThat(queued.readResponse().status()).isEqualTo(200);
      }
      assertThat(chat(small, k).status()).isEqualTo(200);
    }
  }

  @Test
  void bodies_past_the_buffer_bound_get_a_503_in_openai_shape_after_a_bounded_wait() throws Exception {
    // A short wait, so the stalled body gets its room even if a probe below holds some briefly.
    ServerLimits tight = new ServerLimits(100, Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), 1_000, 1_000, Duration.ofMillis(500), Duration.ofSeconds(5));
    try (GatewayHarness small = GatewayHarness.simulated(tight)) {
      String k = small.key().secret().reveal();
      try (RawConnection stalled = new RawConnection(small.server.port())) {
        stalled.send(post("/v1/chat/completions", k, "Content-Length: 1000\r\n") + "{\"model\":");
        RawConnection.Response busy;
        // The stalled request reserves its room on its own thread; wait for that, bounded by time,
        // not by a count of probes (on a loaded machine 200 quick probes could all come first).
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
          busy = chat(small, k);
        } while (busy.status() == 200 && System.nanoTime() < deadline && pause());
        JsonNode error = assertError(busy, 503, "server_error");
        assertThat(error.path("code").asText()).isEqualTo("server_busy");
        assertThat(busy.headers()).containsKey("retry-after");
      }
      Eventually.await(() -> {
        try {
          return chat(small, k).status() == 200;
        } catch (IOException e) {
          return false;
        }
      }, "the stalled body's room given back");
    }
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(5);
    return true;
  }

  @Test
  void the_connection_cap_stays_well_under_the_descriptor_limit() {
    assertThat(TollgateServer.connectionCap(10_000, 20_000)).isEqualTo(9_744);
    assertThat(TollgateServer.connectionCap(10_000, 1_024)).isEqualTo(256);
    assertThat(TollgateServer.connectionCap(500, 20_000)).isEqualTo(500);
    assertThat(TollgateServer.connectionCap(10_000, 300)).isEqualTo(16);
  }

  // --- helpers ---

  private static RawConnection open() throws IOException {
    return new RawConnection(gateway.server.port());
  }

  private static String post(String path, String presentedKey, String framing) {
    return "POST " + path + " HTTP/1.1\r\nHost: tollgate\r\nAuthorization: Bearer " + presentedKey
        + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
  }

  private static RawConnection.Response chat(GatewayHarness gw, String presentedKey) throws IOException {
    try (RawConnection c = new RawConnection(gw.server.port())) {
      c.send(post("/v1/chat/completions", presentedKey,
          "Connection: close\r\nContent-Length: " + CHAT.length() + "\r\n") + CHAT);
      return c.readResponse();
    }
  }

  private static String scrape() throws IOException {
    try (RawConnection c = open()) {
      return c.send("GET /metrics HTTP/1.1\r\nHost: tollgate\r\nConnection: close\r\n\r\n")
          .readResponse().body();
    }
  }

  /** A sample's value in a Prometheus scrape, 0 when the series is not there yet. */
  private static double sample(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).strip())).orElse(0.0);
  }

  private static JsonNode assertError(RawConnection.Response res, int status, String type)
      throws IOException {
    assertThat(res.status()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().get("content-type")).startsWith("application/json");
    JsonNode error = res.json().path("error");
    assertThat(error.path("type").asText()).as(res.body()).isEqualTo(type);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
    return error;
  }
}
