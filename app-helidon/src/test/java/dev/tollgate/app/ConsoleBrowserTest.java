package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console end to end in a real browser: headless Chromium (Debian's) driven by
 * playwright-core runs {@code console/e2e/console.e2e.mjs} against this server on PostgreSQL,
 * with a real /v1 call through the simulated data plane. Screenshots land in
 * {@code target/console-e2e/}. Under {@code CI=true} a missing node or Chromium fails the test;
 * elsewhere it is skipped, saying what is missing ({@code .ci/browser.sh} installs both).
 */
class ConsoleBrowserTest {

  /** The whole run, browser start included; it takes ~15 s on a quiet machine. */
  static final long TIMEOUT_SECONDS = 240;

  @TempDir Path dir;
  private final String schema =
      "tg_console_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  static Path consoleDir() {
    return Path.of("..", "console").toAbsolutePath().normalize();
  }

  static String chromium() {
    return Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
  }

  /** Node, the console's node_modules (the Maven build's npm ci) and Chromium, or why not. */
  static void requireBrowser() {
    Optional<String> missing = !Files.isExecutable(Path.of(chromium()))
        ? Optional.of("Chromium at " + chromium())
        : !Files.isDirectory(consoleDir().resolve("node_modules/playwright-core"))
            ? Optional.of("playwright-core in console/node_modules (run the Maven build)")
            : Optional.empty();
    if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the browser tests, but " + missing.get()
          + " is missing (.ci/browser.sh installs it)");
    }
    Assumptions.assumeTrue(missing.isEmpty(), () -> "no browser test: missing " + missing.get());
  }

  @Test
  void the_console_works_end_to_end_in_chromium() throws Exception {
    requireBrowser();
    StoreSettings store = new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()),
        schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 4);
    Path artifacts = Path.of("target", "console-e2e").toAbsolutePath();
    try (GatewayHarness gw = GatewayHarness.simulated(store)) {
      Result r = node(consoleDir().resolve("e2e/console.e2e.mjs"), gw.base(), artifacts);
      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("every step held");
    }
    assertThat(artifacts.resolve("05-spend.png")).exists();
  }

  record Result(int exit, String output) {}

  static Result node(Path script, String base, Path artifacts)
      throws IOException, InterruptedException {
    return node(script, base, artifacts, java.util.Map.of());
  }

  /** As above, with more of the script's environment. */
  static Result node(Path script, String base, Path artifacts, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("console-e2e", ".log");
    ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString()))
        .directory(consoleDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("TOLLGATE_URL", base);
    pb.environment().put("TOLLGATE_MASTER_KEY", GatewayHarness.MASTER_KEY);
    pb.environment().put("ARTIFACTS", artifacts.toString());
    pb.environment().put("CHROMIUM", chromium());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
