package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request that says {@code Connection: close} gets its answer and then the end of the
 * connection (RFC 9112 §9.6), over raw sockets: a plain answer, a refusal before the body was
 * read, a whole stream; without it the connection stays open for the next request.
 */
class ConnectionCloseTest {

  private static GatewayHarness gateway;
  private static String key;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ofMillis(1));
    key = gateway.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void an_answer_to_a_request_asking_for_close_ends_the_connection() throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      RawConnection.Response r = c.send("GET /healthz HTTP/1.1\r\nHost: tollgate\r\n"
          + "Connection: close\r\n\r\n").readResponse();
      c.readTimeout(Duration.ofSeconds(5));

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers()).containsEntry("connection", "close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_refusal_before_the_body_was_read_still_ends_the_connection_cleanly() throws IOException {
    String body = "{\"model\":\"sim-small\",\"messages\":[]}";
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      RawConnection.Response r = c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: tollgate\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body).readResponse();
      c.readTimeout(Duration.ofSeconds(5));

      assertThat(r.status()).isEqualTo(401);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void a_stream_asked_to_close_is_whole_before_the_connection_ends() throws IOException {
    String body = "{\"model\":\"sim-small\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"count to five\"}]}";
    try (Socket s = new Socket("127.0.0.1", gateway.server.port())) {
      s.setSoTimeout(15_000);
      s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: tollgate\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      String all = untilEnd(s.getInputStream()); // returns only at the server's close

      assertThat(all).startsWith("HTTP/1.1 200").contains("data: [DONE]").endsWith("0\r\n\r\n");
    }
  }

  @Test
  void without_close_the_connection_stays_open_for_the_next_request() throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      RawConnection.Response first = c.send("GET /healthz HTTP/1.1\r\nHost: tollgate\r\n\r\n")
          .readResponse();
      RawConnection.Response second = c.send("GET /healthz HTTP/1.1\r\nHost: tollgate\r\n\r\n")
          .readResponse();
      c.readTimeout(Duration.ofMillis(500));

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(c.closedByServer()).isFalse();
    }
  }

  private static String untilEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
