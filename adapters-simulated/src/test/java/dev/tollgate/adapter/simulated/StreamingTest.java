package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events leave one by one, and a client may walk away mid-stream. The streams asked for here are
 * 4096 tokens 20 ms apart, far longer than these tests run, so reading their first events proves
 * each was flushed on its own: a buffering server would send nothing for minutes and the timeout
 * would fail the test. No assertion is made on elapsed time.
 */
class StreamingTest {

  static final String LONG_CHAT = "{\"model\":\"sim-small\",\"messages\":[{\"content\":\"go on\"}],\"stream\":true}";
  static final SimulatorSettings PACED =
      SimulatorSettings.defaults().withDelays(Duration.ZERO, Duration.ofMillis(20));

  @Test
  @Timeout(60)
  void eachEventIsFlushedAsSoonAsItIsWritten() throws IOException {
    try (Simulator simulator = Simulator.start(PACED)) {
      HttpResponse<InputStream> response = new SimClient(simulator)
          .postStreaming("v1/chat/completions", LONG_CHAT, "x-sim-tokens", "4096");

      try (InputStream body = response.body()) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        List<String> events = new ArrayList<>();
        for (String line = reader.readLine(); line != null && events.size() < 3; line = reader.readLine()) {
          if (line.startsWith("data: ")) {
            events.add(line);
          }
        }
        assertThat(events).hasSize(3).allSatisfy(event -> assertThat(event).contains("chat.completion.chunk"));
        assertThat(simulator.openStreams()).isEqualTo(1);
      }
    }
  }

  @Test
  @Timeout(60)
  void aClientThatLeavesMidStreamEndsTheStreamWithoutWarnings() throws IOException {
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture = capture(warnings);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try (Simulator simulator = Simulator.start(PACED)) {
      try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
        sendRequest(socket.getOutputStream(), LONG_CHAT);
        readUntil(socket.getInputStream(), "\"content\":\"");
        assertThat(simulator.openStreams()).isEqualTo(1);
      }

      awaitNoOpenStreams(simulator);
      HttpResponse<String> next = new SimClient(simulator)
          .post("v1/chat/completions", LONG_CHAT, "x-sim-tokens", "2");
      assertThat(SimClient.events(next.body()).getLast().isDone()).isTrue();
    } finally {
      root.removeHandler(capture);
    }
    assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
  }

  private static void sendRequest(OutputStream out, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nx-sim-tokens: 4096\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Reads at most 64 KiB until {@code marker} has been seen. */
  private static void readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[1024];
    for (int i = 0; i < 64 && !seen.toString().contains(marker); i++) {
      int read = in.read(buffer);
      if (read < 0) {
        break;
      }
      seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
    }
    assertThat(seen.toString()).contains(marker);
  }

  /** Polls, at most 500 times, until the server has noticed the client left. */
  private static void awaitNoOpenStreams(Simulator simulator) {
    for (int i = 0; i < 500 && simulator.openStreams() > 0; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(simulator.openStreams()).as("streams still being written").isZero();
  }

  private static Handler capture(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          synchronized (records) {
            records.add(record);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
