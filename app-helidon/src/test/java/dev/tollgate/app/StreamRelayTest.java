package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.simulated.SimulatedDataPlane;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.DataPlane;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Streams keep the client's bytes, and a client that leaves mid-stream is still charged. */
class StreamRelayTest {

  private static final String STREAM_BODY =
      "{\"model\":\"sim-small\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"max_tokens\":12,\"messages\":[{\"role\":\"user\",\"content\":\"stream me\"}]}";

  @Test
  void the_client_gets_the_upstream_stream_byte_for_byte() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO)) {
      IssuedKey key = gateway.key();
      HttpClient http = HttpClient.newHttpClient();
      String through = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      SimulatedDataPlane plane = (SimulatedDataPlane) gateway.server.get(DataPlane.class);
      String direct = http.send(HttpRequest.newBuilder(
                  plane.simulator().orElseThrow().baseUri().resolve("/v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY)).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      assertThat(normalize(through)).isEqualTo(normalize(direct));
      assertThat(through).endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void a_client_that_disconnects_mid_stream_is_charged_for_what_was_produced() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ofMillis(50))) {
      IssuedKey key = gateway.key();
      String body = "{\"model\":\"sim-small\",\"stream\":true,\"max_tokens\":200,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"a long story please\"}]}";
      int contentEvents = readSomeThenHangUp(gateway.server.port(), key.secret().reveal(), body, 3);

      Eventually.await(() -> gateway.ledgerOf(key).size() == 1, "disconnected stream settled");
      SpendEntry entry = gateway.ledgerOf(key).get(0);
      assertThat(contentEvents).isEqualTo(3);
      assertThat(entry.source()).isEqualTo(UsageSource.ESTIMATED);
      assertThat(entry.cost().isPositive()).isTrue();
      assertThat(entry.usage().inputTokens()).isPositive();
      assertThat(entry.usage().outputTokens()).isBetween(1L, 199L);
    }
  }

  /** Raw HTTP so the connection can be dropped mid-body; answers how many content events came. */
  private static int readSomeThenHangUp(int port, String key, String body, int wanted) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int seen = 0;
      String line;
      while (seen < wanted && (line = in.readLine()) != null) {
        if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
          seen++;
        }
      }
      return seen;
    }
  }

  private static String normalize(String sse) {
    return sse.replaceAll("\"id\":\"[^\"]*\"", "\"id\":\"X\"").replaceAll("\"created\":\\d+", "\"created\":0");
  }
}
