package dev.tollgate.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every test here runs against, chosen once per JVM, in this order:
 *
 * <ol>
 *   <li>the JDBC URL in {@code TOLLGATE_TEST_JDBC_URL} (CI passes the machine's PostgreSQL);
 *   <li>a Testcontainers PostgreSQL, when a Docker daemon answers;
 *   <li>an embedded PostgreSQL (zonky), started from binaries on the test class path.
 * </ol>
 *
 * When none is available the tests are skipped, except in CI ({@code CI=true}), where a missing
 * database fails them. Each test class isolates itself in a schema of its own ({@link TestSchema}).
 */
final class TestDatabase {

  static final String URL_ENV = "TOLLGATE_TEST_JDBC_URL";
  private static final String IMAGE = "postgres:17-alpine";

  private static String jdbcUrl;
  private static String whyMissing;

  private TestDatabase() {}

  /** The JDBC URL (credentials included) of the chosen database; aborts or fails without one. */
  static synchronized String jdbcUrl() {
    if (jdbcUrl == null && whyMissing == null) {
      choose();
    }
    if (jdbcUrl == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI needs a PostgreSQL for these tests: " + whyMissing);
      }
      Assumptions.abort("no PostgreSQL to test against: " + whyMissing);
    }
    return jdbcUrl;
  }

  private static void choose() {
    String configured = System.getenv(URL_ENV);
    if (configured != null && !configured.isBlank()) {
      // Configured explicitly: an unreachable database is a failure, never a skip.
      execute(configured, "SELECT 1");
      jdbcUrl = configured;
      return;
    }
    try {
      jdbcUrl = dockerAnswers() ? startContainer() : startEmbedded();
    } catch (Exception | LinkageError e) {
      whyMissing = URL_ENV + " is not set, there is no Docker and no embedded PostgreSQL ("
          + e + ")";
    }
  }

  private static boolean dockerAnswers() {
    boolean configured = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"));
    return configured && DockerClientFactory.instance().isDockerAvailable();
  }

  private static String startContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    return withCredentials(container.getJdbcUrl(), container.getUsername(),
        container.getPassword());
  }

  private static String startEmbedded() throws java.io.IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (java.io.IOException e) {
        // the JVM is exiting; the data directory is temporary
      }
    }));
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static String withCredentials(String url, String user, String password) {
    return url + (url.contains("?") ? "&" : "?") + "user=" + user + "&password=" + password;
  }

  /** Runs one statement on its own connection (schema set-up and tear-down in tests). */
  static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run `" + sql + "` on " + redacted(url), e);
    }
  }

  /** The single number one query answers (a count, in tests). */
  static long queryLong(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run `" + sql + "` on " + redacted(url), e);
    }
  }

  private static String redacted(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
