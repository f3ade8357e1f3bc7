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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the chart runs, run for real on this machine against its PostgreSQL: the rendered
 * migration Job's command and environment on a fresh schema, then the Deployment's server with
 * the rendered ConfigMap and its secrets as mounted files, proven by {@code tollgate smoke} and
 * stopped with SIGTERM as the kubelet does after preStop. Before the Job, the server refuses.
 */
class ChartEnvironmentRunsIT {

  private static final Duration START_BOUND = Duration.ofSeconds(90);
  private static final String SCHEMA = "deploy_" + HexFormat.of().formatHex(randomBytes());
  private static final String MASTER_KEY = "tg-master-" + HexFormat.of().formatHex(randomBytes());
  private static final Map<String, Map<String, String>> CLUSTER_SECRETS = Map.of(
      "tollgate-secrets", Map.of(
          "master-key", MASTER_KEY,
          // 32 bytes of key material, base64: the salt key is read from its mounted file.
          "salt-key", "q1yVb0w1dXqzN3n0Hk2mYw3lq7cQe9Xo2m4t8uZf5sA="),
      "tollgate-db-app", Map.of("password", "unused-with-trust-auth"));

  private static String jdbcUrl;
  private static List<Object> rendered;
  private static Path work;

  @BeforeAll
  static void renderForThisMachine() throws IOException {
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
    work = Files.createDirectories(Path.of("target", "pods", SCHEMA).toAbsolutePath());
    Path values = work.resolve("values.yaml");
    Files.writeString(values, """
        database:
          jdbcUrl: "%s"
        secrets:
          masterKey: {existingSecret: tollgate-secrets, key: master-key}
          saltKey: {existingSecret: tollgate-secrets, key: salt-key}
          databasePassword: {existingSecret: tollgate-db-app, key: password}
        config:
          data-plane: {type: simulated}
          store: {schema: %s}
          models:
            - name: sim-small
              upstream: sim-small
              max-output-tokens: 256
              price: {input: "0.10", output: "0.40"}
        """.formatted(jdbcUrl, SCHEMA));
    Helm.Result result = helm.template(List.of(Helm.CHART.resolve("ci/minimal-values.yaml"), values));
    assertThat(result.ok()).as(result.stderr()).isTrue();
    rendered = KubernetesManifests.parseAll(result.stdout());
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (jdbcUrl != null && rendered != null) {
      try (var c = DriverManager.getConnection(jdbcUrl); var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  @Test
  void theServerRefusesAnUnmigratedSchemaThenTheJobMigratesAndTheServerServes() throws Exception {
    PodProcess early = server("early");
    Process refused = early.start(work.resolve("early.log"));
    assertThat(refused.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    assertThat(Files.readString(work.resolve("early.log"))).contains("run `tollgate migrate` first");

    Job job = only(Job.class);
    PodProcess migrate = new PodProcess(job.getSpec().getTemplate().getSpec(),
        work.resolve("job"), CLUSTER_SECRETS, Map.of());
    Process migration = migrate.start(work.resolve("migrate.log"));
    assertThat(migration.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(migration.exitValue()).as(Files.readString(work.resolve("migrate.log"))).isZero();
    assertThat(Files.readString(work.resolve("migrate.log"))).contains("schema '" + SCHEMA + "' is at version");

    PodProcess pod = server("pod");
    Process serve = pod.start(work.resolve("serve.log"));
    try {
      String base = "http://127.0.0.1:" + pod.env().get("TOLLGATE_SERVER_PORT");
      awaitReady(base, serve);
      Process smoke = pod.start(List.of("smoke", "--url", base), work.resolve("smoke.log"));
      assertThat(smoke.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(smoke.exitValue()).as(Files.readString(work.resolve("smoke.log"))).isZero();
      assertThat(Files.readString(work.resolve("smoke.log"))).contains("works end to end");
    } finally {
      serve.destroy(); // SIGTERM, as the kubelet sends after preStop
    }
    long grace = only(Deployment.class).getSpec().getTemplate().getSpec()
        .getTerminationGracePeriodSeconds();
    assertThat(serve.waitFor(grace, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
    assertThat(Files.readString(work.resolve("serve.log"))).doesNotContain(MASTER_KEY);
  }

  private static PodProcess server(String name) throws IOException {
    Map<String, ConfigMap> maps = Map.of(only(ConfigMap.class).getMetadata().getName(), only(ConfigMap.class));
    return new PodProcess(only(Deployment.class).getSpec().getTemplate().getSpec(),
        work.resolve(name), CLUSTER_SECRETS, maps)
        // The one deviation from the pod: a free port, as the pod has its own network.
        .with("TOLLGATE_SERVER_PORT", Integer.toString(freePort()));
  }

  private static void awaitReady(String base, Process serve) throws Exception {
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
    throw new AssertionError("the server did not become ready: " + Files.readString(work.resolve("serve.log")));
  }

  private static <T> T only(Class<T> type) {
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
