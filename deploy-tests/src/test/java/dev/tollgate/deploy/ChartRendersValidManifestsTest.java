package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart lints and renders for every values set a platform uses, and every rendered object
 * is a valid Kubernetes object (typed models, unknown fields refused). Then what the design
 * promises of the rendered objects: migration before rollout, secrets only as files, a stop
 * long enough to drain.
 */
class ChartRendersValidManifestsTest {

  private static final Path CI = Helm.CHART.resolve("ci");
  private static final Path EXAMPLES = Helm.CHART.resolve("examples");
  /** The server's own drain at stop (StoresModule.STOP_DRAIN). */
  private static final int SERVER_DRAIN_SECONDS = 5;

  private static Helm helm;

  @BeforeAll
  static void findHelm() {
    helm = Helm.locate();
  }

  static Stream<Arguments> valuesSets() {
    Path cnpgEso = CI.resolve("cnpg-eso-values.yaml");
    return Stream.of(
        Arguments.of("minimal", List.of(CI.resolve("minimal-values.yaml"))),
        Arguments.of("cnpg+eso", List.of(cnpgEso)),
        Arguments.of("hpa+servicemonitor", List.of(CI.resolve("hpa-servicemonitor-values.yaml"))),
        Arguments.of("salt-key rotation", List.of(CI.resolve("salt-key-rotation-values.yaml"))),
        Arguments.of("agentgateway", List.of(cnpgEso, EXAMPLES.resolve("agentgateway-values.yaml"))),
        Arguments.of("envoy-aigw", List.of(cnpgEso, EXAMPLES.resolve("envoy-aigw-values.yaml"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesSets")
  void lintsAndRendersOnlyValidKubernetesObjects(String name, List<Path> values) {
    Helm.Result lint = helm.lint(values);
    assertThat(lint.ok()).as("helm lint %s:%n%s%s", name, lint.stdout(), lint.stderr()).isTrue();
    List<Object> objects = render(values);
    assertThat(objects).hasAtLeastOneElementOfType(Deployment.class)
        .hasAtLeastOneElementOfType(ConfigMap.class);
    for (Object object : objects) {
      if (object instanceof Deployment d) {
        assertSecretsOnlyAsFiles(d.getSpec().getTemplate().getSpec());
      } else if (object instanceof Job j) {
        assertSecretsOnlyAsFiles(j.getSpec().getTemplate().getSpec());
      }
    }
  }

  @Test
  void theDefaultsRunTwoReplicasThatDrainBeforeTheyAreKilled() {
    Deployment deployment = only(render(minimal()), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container server = pod.getContainers().getFirst();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(server.getArgs()).containsExactly("serve");
    assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(server.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    long preStop = server.getLifecycle().getPreStop().getSleep().getSeconds();
    assertThat(pod.getTerminationGracePeriodSeconds())
        .as("grace covers preStop, running requests (tollgate.server.drain-timeout) and the journal's drain")
        .isGreaterThanOrEqualTo(preStop + 120 + SERVER_DRAIN_SECONDS);
    assertThat(server.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(server.getVolumeMounts()).extracting(m -> m.getMountPath())
        .contains("/var/lib/tollgate/journal", "/tmp", "/etc/tollgate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
  }

  @Test
  void theServersDoNotMigrateTheHookJobDoesFirst() throws IOException {
    List<Object> objects = render(minimal());
    JsonNode config = KubernetesManifests.YAML.readTree(
        only(objects, ConfigMap.class).getData().get("application.yaml")).path("tollgate");
    assertThat(config.path("store").path("migrate-at-start").asBoolean(true)).isFalse();
    assertThat(config.path("store").path("type").asText()).isEqualTo("postgres");
    assertThat(config.path("server").path("host").asText()).isEqualTo("0.0.0.0");

    Job job = only(objects, Job.class);
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
        .containsEntry("argocd.argoproj.io/hook", "PreSync");
    Container migrate = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(migrate.getArgs()).containsExactly("migrate");
    // The hook runs before the ConfigMap exists: its store comes from the environment.
    assertThat(migrate.getEnv()).extracting(EnvVar::getName)
        .contains("TOLLGATE_STORE_TYPE", "TOLLGATE_STORE_JDBC_DASH_URL");
  }

  @Test
  void scalingByCpuLeavesTheReplicaCountToTheAutoscaler() {
    List<Object> objects = render(List.of(CI.resolve("hpa-servicemonitor-values.yaml")));
    assertThat(only(objects, Deployment.class).getSpec().getReplicas()).isNull();
    assertThat(only(objects, HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(objects).hasAtLeastOneElementOfType(CustomResources.ServiceMonitor.class);
    CustomResources.PrometheusRule rules = only(objects, CustomResources.PrometheusRule.class);
    assertThat(rules.spec().groups()).flatExtracting(CustomResources.RuleGroup::rules)
        .extracting(CustomResources.Rule::alert)
        .contains("TollgateBudgetNearExhaustion", "TollgateDegraded",
            "TollgateJournalBacklogGrowing", "TollgateHighErrorRate");
  }

  @Test
  void theNetworkPolicyLetsOutOnlyTheDataPlaneThePostgresAndDns() {
    NetworkPolicy policy = only(render(List.of(CI.resolve("cnpg-eso-values.yaml"))), NetworkPolicy.class);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getEgress()).hasSize(3)
        .flatExtracting(rule -> rule.getPorts())
        .extracting(port -> port.getPort().getIntVal())
        .containsExactlyInAnyOrder(8080, 5432, 53, 53);
  }

  @Test
  void theExampleManifestsAreWellFormedCustomResources() {
    for (String file : List.of("cnpg-cluster.yaml", "external-secret.yaml")) {
      for (JsonNode doc : KubernetesManifests.documents(read(EXAMPLES.resolve(file)))) {
        assertThat(doc.path("apiVersion").asText()).as(file)
            .isIn("postgresql.cnpg.io/v1", "external-secrets.io/v1");
        assertThat(doc.path("metadata").path("name").asText()).as(file).isNotBlank();
        assertThat(doc.path("spec").isObject()).as(file).isTrue();
      }
    }
  }

  /** Every TOLLGATE_* secret reaches the container as a *_FILE path, never as a value. */
  private static void assertSecretsOnlyAsFiles(PodSpec pod) {
    for (Container container : pod.getContainers()) {
      for (EnvVar env : container.getEnv()) {
        if (env.getName().matches(".*(KEY|PASSWORD|SECRET|TOKEN)(_FILE)?$")) {
          assertThat(env.getName()).endsWith("_FILE");
          assertThat(env.getValue()).startsWith("/var/run/secrets/tollgate/");
        }
      }
    }
  }

  private static List<Path> minimal() {
    return List.of(CI.resolve("minimal-values.yaml"));
  }

  private static List<Object> render(List<Path> values) {
    Helm.Result result = helm.template(values);
    assertThat(result.ok()).as("helm template %s:%n%s", values, result.stderr()).isTrue();
    return KubernetesManifests.parseAll(result.stdout());
  }

  private static <T> T only(List<Object> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("one %s", type.getSimpleName()).hasSize(1);
    return matching.getFirst();
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
