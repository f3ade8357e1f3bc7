package dev.tollgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code tollgate serve} as its own JVM on loopback: the PostgreSQL store at a JDBC URL (a
 * {@link CuttableProxy}'s), its own schema, journal directory and port, which stay the same across
 * a SIGKILL ({@link #kill}) or a SIGTERM ({@link #stop}) and the {@link #start} after it, so a
 * restart replays the same journal. Its log goes to {@code <directory>/tollgate.log}, what it
 * prints on standard output to {@code <directory>/tollgate.out}.
 */
final class ReplicaProcess implements AutoCloseable {

  static final String MASTER_KEY = "replica-test-master-key";
  private static final Pattern BACKLOG = Pattern.compile("tollgate_journal_backlog_entries (\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path directory;
  private final Map<String, String> env;
  private final int port;
  private Process process;

  /**
   * @param extraEnv more of Tollgate's environment (e.g. the simulator's pacing)
   */
  ReplicaProcess(Path directory, String jdbcUrl, String schema, Map<String, String> extraEnv) {
    this.directory = directory;
    this.port = freePort();
    this.env = new java.util.HashMap<>(extraEnv);
    env.put("TOLLGATE_STORE_TYPE", "postgres");
    env.put("TOLLGATE_STORE_JDBC_DASH_URL", jdbcUrl);
    env.put("TOLLGATE_STORE_SCHEMA", schema);
    env.put("TOLLGATE_STORE_JOURNAL_DASH_DIRECTORY", directory.resolve("journal").toString());
    env.put("TOLLGATE_STORE_POOL_DASH_SIZE", "4");
    env.put("TOLLGATE_SERVER_PORT", Integer.toString(port));
    env.put("TOLLGATE_MASTER_KEY", MASTER_KEY);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the child and waits, bounded, until it says it listens (a failure otherwise). */
  ReplicaProcess start() {
    if (isAlive()) {
      throw new IllegalStateException("already running: " + base());
    }
    // C1 only: a child starts sooner on a small machine, and these tests measure no speed.
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve");
    pb.environment().putAll(env);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve("tollgate.log").toFile()));
    try {
      java.nio.file.Files.createDirectories(directory);
      process = pb.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    Process p = process;
    Path out = directory.resolve("tollgate.out");
    Thread.ofPlatform().daemon().start(() -> drain(p, listening, out));
    try {
      if (!listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("Tollgate did not start; see " + directory.resolve("tollgate.log"));
      }
    } catch (Exception e) {
      throw new AssertionError("Tollgate did not start; see " + directory.resolve("tollgate.log"), e);
    }
    return this;
  }

  /** Reads the child's output to the end (so it never blocks on a full pipe), noticing the banner. */
  private static void drain(Process p, CompletableFuture<Boolean> listening, Path copy) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        java.io.Writer saved = java.nio.file.Files.newBufferedWriter(copy, StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = out.readLine()) != null) {
        saved.write(line + "\n");
        saved.flush();
        if (line.startsWith("Tollgate is listening on")) {
          listening.complete(true);
        }
      }
    } catch (IOException e) {
      // the child died
    }
    listening.complete(false);
  }

  /** SIGKILL: no shutdown hook, no close, no last forward of the journal. */
  void kill() {
    end(process.destroyForcibly());
  }

  /** SIGTERM: the shutdown hook closes the server and the stores. */
  void stop() {
    process.destroy();
    end(process);
  }

  private static void end(Process p) {
    try {
      if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new AssertionError("Tollgate did not stop within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Spend this replica has journaled but not yet posted; -1 when it does not answer. */
  long backlog() {
    try {
      Matcher m = BACKLOG.matcher(get("/metrics"));
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /** One unlabelled metric's value, or -1 when it is missing or the process does not answer. */
  long metric(String name) {
    try {
      // Prometheus's text writes large counts in exponent form (1.5E7): read as a number.
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.E+-]+)$").matcher(get("/metrics"));
      return m.find() ? new java.math.BigDecimal(m.group(1)).longValue() : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /** The body of {@code /readyz}, or "" when it does not answer. */
  String readiness() {
    try {
      return get("/readyz");
    } catch (Exception e) {
      return "";
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      end(process.destroyForcibly());
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
