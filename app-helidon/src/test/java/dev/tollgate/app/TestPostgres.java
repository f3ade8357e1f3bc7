package dev.tollgate.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the app's durable, outage and kill tests run against, chosen once per test JVM
 * in the same order as adapters-postgres's {@code TestDatabase}:
 *
 * <ol>
 *   <li>the JDBC URL in {@code TOLLGATE_TEST_JDBC_URL} (CI passes the machine's PostgreSQL; an
 *       unreachable one fails);
 *   <li>a Testcontainers PostgreSQL, when a Docker daemon answers;
 *   <li>an embedded PostgreSQL (zonky; its binaries are on the class path through adapters-postgres).
 * </ol>
 *
 * Never a skip: a developer's {@code ./mvnw verify} runs these tests too. The database listens on
 * a TCP port, so child JVMs ({@link ReplicaProcess}) and {@link CuttableProxy} reach it. Each test
 * isolates itself in a schema of its own and drops it with {@link #dropSchema}.
 */
public final class TestPostgres {

  static final String URL_ENV = "TOLLGATE_TEST_JDBC_URL";
  private static final String IMAGE = "postgres:17-alpine";
  /** The replica tests open a pool per child process; PostgreSQL's default 100 is tight. */
  private static final String MAX_CONNECTIONS = "300";

  private static String jdbcUrl;

  private TestPostgres() {}

  /** The JDBC URL (credentials included) of the chosen database; fails when there is none. */
  public static synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      jdbcUrl = choose();
    }
    return jdbcUrl;
  }

  /** Drops a test's schema, if a database was chosen at all (a test may fail before it is). */
  public static void dropSchema(String schema) throws SQLException {
    String url;
    synchronized (TestPostgres.class) {
      url = jdbcUrl;
    }
    if (url == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String choose() {
    String configured = System.getenv(URL_ENV);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return dockerAnswers() ? startContainer() : startEmbedded();
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new AssertionError(URL_ENV + " is not set, and neither a Testcontainers nor an"
          + " embedded PostgreSQL could start", e);
    }
  }

  private static boolean dockerAnswers() {
    boolean configured = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"));
    return configured && DockerClientFactory.instance().isDockerAvailable();
  }

  private static String startContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
        .withCommand("postgres", "-c", "max_connections=" + MAX_CONNECTIONS);
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
        + "user=" + container.getUsername() + "&password=" + container.getPassword();
  }

  private static String startEmbedded() throws IOException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setServerConfig("max_connections", MAX_CONNECTIONS).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        // the JVM is exiting; the data directory is temporary
      }
    }));
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
