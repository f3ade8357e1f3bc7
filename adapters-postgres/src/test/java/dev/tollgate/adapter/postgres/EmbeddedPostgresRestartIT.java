package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's PostgreSQL after Tollgate was killed with SIGKILL: no shutdown hook ran, so
 * the postmaster outlives it and postmaster.pid stays. A restart over the same data directory
 * must still work, with the data, and leave no orphan behind.
 */
class EmbeddedPostgresRestartIT {

  private static final long CHILD_START_SECONDS = 90;

  @TempDir Path dir;

  @Test
  void aRestartAfterSigkillStopsTheOrphanAndKeepsTheData() throws Exception {
    Path data = dir.resolve("pgdata");
    Process child = startChild(data);
    String url = awaitReady(child);
    TestDatabase.execute(url, "CREATE TABLE survives (v int); INSERT INTO survives VALUES (42)");
    long orphan = postmasterPid(data).orElseThrow();

    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
    ProcessHandle orphaned = ProcessHandle.of(orphan).orElseThrow();

    try (EmbeddedPostgresDatabase restarted = EmbeddedPostgresDatabase.start(data)) {
      assertThat(TestDatabase.queryLong(restarted.jdbcUrl(), "SELECT v FROM survives")).isEqualTo(42);
      assertThat(orphaned.isAlive()).isFalse();
    } finally {
      orphaned.destroy(); // if the fix regressed, stop the orphan rather than leak it
    }
  }

  @Test
  void aStalePidFileOfAnotherProcessDoesNotBlockTheStart() throws Exception {
    Path data = dir.resolve("pgdata");
    EmbeddedPostgresDatabase.start(data).close();
    // A pid file left by a crash before a reboot, whose pid now belongs to an unrelated live
    // process (not this JVM: PostgreSQL ignores its own ancestors' pids by itself).
    Process unrelated = new ProcessBuilder("sleep", "60").start();
    try {
      List<String> lines = new ArrayList<>(List.of(String.valueOf(unrelated.pid()),
          data.toAbsolutePath().toString(), "0", "5432", "", "localhost", "  1  1", "ready"));
      Files.write(data.resolve("postmaster.pid"), lines);

      try (EmbeddedPostgresDatabase restarted = EmbeddedPostgresDatabase.start(data)) {
        assertThat(TestDatabase.queryLong(restarted.jdbcUrl(), "SELECT 1")).isEqualTo(1);
      }
      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  private static Process startChild(Path data) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java,
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"),
        EmbeddedPostgresChild.class.getName(), data.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static String awaitReady(Process child) throws Exception {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_START_SECONDS);
    StringBuilder seen = new StringBuilder();
    for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
      if (line.startsWith("READY ")) {
        Thread.ofVirtual().start(() -> drain(out));
        return line.substring("READY ".length());
      }
      seen.append(line).append('\n');
    }
    child.destroyForcibly();
    throw new AssertionError("the child did not start its PostgreSQL:\n" + seen);
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the pipe from filling up
      }
    } catch (java.io.IOException e) {
      // the child is gone
    }
  }

  private static Optional<Long> postmasterPid(Path data) throws Exception {
    List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
    return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
  }
}
