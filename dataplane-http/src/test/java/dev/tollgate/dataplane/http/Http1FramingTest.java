package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the transport reads what servers send: every way HTTP/1.1 frames a body, and nonsense. */
class Http1FramingTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), GENEROUS);
  private RawHttpServer server;

  @AfterEach
  void stop() throws Exception {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailersIsReadAndTheConnectionReused() throws Exception {
    serveEach("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
        + "\r\n7;ext=1\r\ndata: a\r\n9\r\n\n\ndata: b\r\n0\r\nx-trailer: t\r\n\r\n");

    for (int i = 0; i < 2; i++) {
      try (UpstreamResponse response = send()) {
        assertThat(response.head().header("content-type")).contains("text/event-stream");
        assertThat(body(response)).isEqualTo("data: a\n\ndata: b");
      }
    }
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void chunkingWinsOverALengthBesideItAndTheAmbiguousConnectionIsNotReused() throws Exception {
    serveEach("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\n0\r\n\r\n");

    for (int i = 0; i < 2; i++) {
      try (UpstreamResponse response = send()) {
        assertThat(body(response)).isEqualTo("hello");
      }
    }
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    serveEach("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
        + RawHttpServer.json("{}", ""));

    try (UpstreamResponse response = send()) {
      assertThat(response.head().status()).isEqualTo(200);
      assertThat(body(response)).isEqualTo("{}");
    }
  }

  @Test
  void aNoContentAnswerHasNoBodyAndKeepsTheConnection() throws Exception {
    serveEach("HTTP/1.1 204 No Content\r\nX-A: 1\r\nX-A: 2\r\n\r\n");

    for (int i = 0; i < 2; i++) {
      try (UpstreamResponse response = send()) {
        assertThat(response.head().headers().get("x-a")).containsExactly("1", "2");
        assertThat(body(response)).isEmpty();
      }
    }
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnectionWhichIsNotReused() throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":1}");
    });

    for (int i = 0; i < 2; i++) {
      try (UpstreamResponse response = send()) {
        assertThat(body(response)).isEqualTo("{\"a\":1}");
      }
    }
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aBodyShorterThanItsLengthFailsTheRead() throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"");
    });

    try (UpstreamResponse response = send()) {
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aChunkedBodyCutInAChunkFailsTheRead() throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\ndata: a");
    });

    try (UpstreamResponse response = send()) {
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void somethingThatIsNotHttpIsUnreachable() throws Exception {
    serveEach("SSH-2.0-OpenSSH_9.2\r\n\r\n");

    assertThatThrownBy(this::send)
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
  }

  @Test
  void conflictingLengthsAreUnreachable() throws Exception {
    serveEach("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");

    assertThatThrownBy(this::send)
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
  }

  /** Answers every request on every connection with the same bytes. */
  private void serveEach(String raw) throws IOException {
    server = RawHttpServer.start(connection -> {
      while (connection.next(GENEROUS) != null) {
        connection.send(raw);
      }
    });
  }

  private UpstreamResponse send() {
    return transport.send(server.base(), LoopbackServer.request(Endpoint.CHAT_COMPLETIONS, "{}",
        true, Optional.empty(), Optional.empty(), GENEROUS), Map.of());
  }

  private static String body(UpstreamResponse response) throws IOException {
    return new String(response.body().readAllBytes(), UTF_8);
  }
}
