package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The chart rendered for this machine: its PostgreSQL (a fresh schema per render), the cluster's
 * Secrets as a test would create them, and the rendered Job and Deployment runnable as local
 * processes ({@link PodProcess}). The schema is dropped by {@link #dropSchema()}.
 */
final class RenderedChart {

  static final Duration START_BOUND = Duration.ofSeconds(90);

  final String schema = "deploy_" + HexFormat.of().formatHex(randomBytes());
  final String masterKey = "tg-master-" + HexFormat.of().formatHex(randomBytes());
  final Path work;
  final String jdbcUrl;
  private final Map<String, Map<String, String>> secrets;
  private final List<Object> rendered;

  /**
   * @param extraValues values YAML appended to the machine's (database, secrets), where
   *     {@code ${schema}} stands for this render's schema
   */
  RenderedChart(String extraValues) throws IOException {
    Helm helm = Helm.locate();
    jdbcUrl = System.getenv("TOLLGATE_TEST_JDBC_URL");
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (jdbcUrl == null || jdbcUrl.isBlank() || !Files.isRegularFile(PodProcess.APP_JAR)) {
      String why = "needs TOLLGATE_TEST_JDBC_URL and " + PodProcess.APP_JAR + " (build app-helidon)";
      if (ci) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    secrets = Map.of(
        "tollgate-secrets", Map.of(
            "master-key", masterKey,
            // 32 bytes of key material, base64: the salt key is read from its mounted file.
            "salt-key", "q1yVb0w1dXqzN3n0Hk2mYw3lq7cQe9Xo2m4t8uZf5sA="),
        "tollgate-db-app", Map.of("password", "unused-with-trust-auth"));
    work = Files.createDirectories(Path.of("target", "pods", schema).toAbsolutePath());
    Path values = work.resolve("values.yaml");
    Files.writeString(values, """
        database:
          jdbcUrl: "%s"
        secrets:
          masterKey: {existingSecret: tollgate-secrets, key: master-key}
          saltKey: {existingSecret: tollgate-secrets, key: salt-key}
          databasePassword: {existingSecret: tollgate-db-app, key: password}
        """.formatted(jdbcUrl) + extraValues.replace("${schema}", schema));
    Helm.Result result = helm.template(List.of(Helm.CHART.resolve("ci/minimal-values.yaml"), values));
    assertThat(result.ok()).as(result.stderr()).isTrue();
    rendered = KubernetesManifests.parseAll(result.stdout());
  }

  void dropSchema() throws SQLException {
    try (var c = DriverManager.getConnection(jdbcUrl); var s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** Runs the rendered migration Job to completion and returns its log. */
  String migrate() throws Exception {
    Job job = only(Job.class);
    PodProcess migrate = new PodProcess(job.getSpec().getTemplate().getSpec(),
        work.resolve("job"), secrets, Map.of());
    Path log = work.resolve("migrate.log");
    Process migration = migrate.start(log);
    assertThat(migration.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(migration.exitValue()).as(Files.readString(log)).isZero();
    return Files.readString(log);
  }

  /** A pod of the rendered Deployment in its own directory (its own emptyDir), on a free port. */
  PodProcess pod(String name) throws IOException {
    ConfigMap map = only(ConfigMap.class);
    return new PodProcess(deployment().getSpec().getTemplate().getSpec(),
        work.resolve(name), secrets, Map.of(map.getMetadata().getName(), map))
        // The one deviation from the pod: a free port, as the pod has its own network.
        .with("TOLLGATE_SERVER_PORT", Integer.toString(freePort()));
  }

  Deployment deployment() {
    return only(Deployment.class);
  }

  long terminationGraceSeconds() {
    return deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
  }

  long preStopSleepSeconds() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().getFirst()
        .getLifecycle().getPreStop().getSleep().getSeconds();
  }

  /** Polls {@code /readyz} as the readiness probe does, until it answers 200. */
  static void awaitReady(String base, Process serve, Path log) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (System.nanoTime() < deadline && serve.isAlive()) {
      try {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the server did not become ready: " + Files.readString(log));
  }

  <T> T only(Class<T> type) {
    return rendered.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
