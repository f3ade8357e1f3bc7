package dev.tollgate.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of this test's own on a free loopback port, persisting nothing (like
 * the machine's): the shared Redis cannot be restarted or paused by one test, this one can. A
 * restart ({@link #restart}) comes back empty on the same port; {@link #pause} is SIGSTOP (the
 * process holds its connections and answers nothing), {@link #resume} SIGCONT.
 */
final class PrivateRedis implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(20);
  private final int port = ReplicaProcess.freePort();
  private final Path log;
  private Process process;

  PrivateRedis(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.log = dir.resolve("redis.log");
    start();
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  private void start() {
    ProcessBuilder pb = new ProcessBuilder("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new AssertionError("redis-server is needed for this test (apt-get install redis-server)", e);
    }
    Eventually.await(this::answers, "redis-server on port " + port + " answers", START);
  }

  private boolean answers() {
    try (var s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] buf = new byte[7];
      return s.getInputStream().read(buf) > 0 && new String(buf, java.nio.charset.StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL and start again on the same port: everything it held is gone. */
  void restart() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    start();
  }

  void pause() {
    signal("STOP");
  }

  void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      resume();
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
