package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener under a real descriptor limit, in a JVM of its own started under
 * {@code prlimit --nofile}: a flood of idle connections larger than the limit does not kill it (the
 * connection cap is derived from the limit), and when the process's descriptors are exhausted by
 * something else, Helidon's accept loop dies as it did in the probe, and the watchdog brings a new
 * listener up once descriptors are free again.
 */
@EnabledOnOs(OS.LINUX)
class ListenerSurvivesDescriptorExhaustionIT {

  private static final int DESCRIPTOR_LIMIT = 1024;
  private static final int FLOOD = 1_200; // past the limit, within the accept queue plus the cap

  @TempDir static Path dir;
  private static Process child;
  private static BufferedReader out;
  private static OutputStream in;
  private static int port;

  @BeforeAll
  static void startChild() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        "prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT, "--",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExhaustibleServer.class.getName());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile()));
    child = pb.start();
    out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    in = child.getOutputStream();
    String first = out.readLine();
    assertThat(first).as(log()).startsWith("port ");
    port = Integer.parseInt(first.substring(5).strip());
  }

  @AfterAll
  static void stopChild() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void an_idle_flood_larger_than_the_descriptor_limit_leaves_the_listener_accepting() throws Exception {
    String before = command("restarts");
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < FLOOD; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        flood.add(s);
      }
    } finally {
      for (Socket s : flood) {
        s.close();
      }
    }
    awaitHealthy();
    assertThat(command("restarts")).as(log()).isEqualTo(before);
  }

  @Test
  void a_listener_killed_by_descriptor_exhaustion_is_restarted_once_descriptors_free_up()
      throws Exception {
    awaitHealthy();
    String before = command("restarts");
    assertThat(command("hog")).startsWith("hogged ");
    // The next accepted connection finds no descriptor: Helidon's accept loop ends for good.
    try (Socket trigger = new Socket()) {
      trigger.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    }
    Eventually.await(ListenerSurvivesDescriptorExhaustionIT::refused, "the listener to die");
    assertThat(command("free")).isEqualTo("freed");
    awaitHealthy();
    assertThat(command("restarts")).as(log()).isNotEqualTo(before);
  }

  private static boolean refused() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitHealthy() {
    Eventually.await(() -> {
      try (RawConnection c = new RawConnection(port)) {
        c.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        return c.readResponse().status() == 200;
      } catch (IOException e) {
        return false;
      }
    }, "the child's /healthz to answer 200");
  }

  private static String command(String command) throws IOException {
    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    return out.readLine();
  }

  private static String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (IOException e) {
      return "(no child log)";
    }
  }
}
