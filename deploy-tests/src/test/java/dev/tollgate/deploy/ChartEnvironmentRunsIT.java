package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the chart runs, run for real on this machine against its PostgreSQL: the rendered
 * migration Job's command and environment on a fresh schema, then the Deployment's server with
 * the rendered ConfigMap and its secrets as mounted files, proven by {@code tollgate smoke} and
 * stopped with SIGTERM as the kubelet does after preStop. Before the Job, the server refuses.
 */
class ChartEnvironmentRunsIT {

  private static RenderedChart chart;

  @BeforeAll
  static void renderForThisMachine() throws Exception {
    chart = new RenderedChart("""
        config:
          data-plane: {type: simulated}
          store: {schema: ${schema}}
          models:
            - name: sim-small
              upstream: sim-small
              max-output-tokens: 256
              price: {input: "0.10", output: "0.40"}
        """);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (chart != null) {
      chart.dropSchema();
    }
  }

  @Test
  void theServerRefusesAnUnmigratedSchemaThenTheJobMigratesAndTheServerServes() throws Exception {
    PodProcess early = chart.pod("early");
    Process refused = early.start(chart.work.resolve("early.log"));
    assertThat(refused.waitFor(RenderedChart.START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    assertThat(Files.readString(chart.work.resolve("early.log"))).contains("run `tollgate migrate` first");

    assertThat(chart.migrate()).contains("schema '" + chart.schema + "' is at version");

    PodProcess pod = chart.pod("pod");
    Process serve = pod.start(chart.work.resolve("serve.log"));
    try {
      String base = "http://127.0.0.1:" + pod.env().get("TOLLGATE_SERVER_PORT");
      RenderedChart.awaitReady(base, serve, chart.work.resolve("serve.log"));
      Process smoke = pod.start(List.of("smoke", "--url", base), chart.work.resolve("smoke.log"));
      assertThat(smoke.waitFor(RenderedChart.START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(smoke.exitValue()).as(Files.readString(chart.work.resolve("smoke.log"))).isZero();
      assertThat(Files.readString(chart.work.resolve("smoke.log"))).contains("works end to end");
    } finally {
      serve.destroy(); // SIGTERM, as the kubelet sends after preStop
    }
    assertThat(serve.waitFor(chart.terminationGraceSeconds(), TimeUnit.SECONDS))
        .as("stopped within the grace period").isTrue();
    assertThat(Files.readString(chart.work.resolve("serve.log"))).doesNotContain(chart.masterKey);
  }
}
