package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** Planted violations: the strict parse must refuse what a cluster's API server would. */
class KubernetesManifestsTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        selector: {matchLabels: {app: d}}
        template:
          metadata: {labels: {app: d}}
          spec:
            containers:
              - name: c
                image: i
                livenessProbe: {httpGet: {path: /healthz, port: 8080}}
      """;

  @Test
  void aValidDeploymentParsesIntoTheTypedModel() {
    assertThat(KubernetesManifests.parseAll(DEPLOYMENT)).singleElement().isInstanceOf(Deployment.class);
  }

  @Test
  void aMisspeltFieldDeepInsideIsRefusedWithItsPath() {
    String typo = DEPLOYMENT.replace("port: 8080", "prot: 8080");
    assertThatThrownBy(() -> KubernetesManifests.parseAll(typo))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("spec.template.spec.containers[0].livenessProbe.httpGet.prot");
  }

  @Test
  void aFieldAtTheWrongLevelIsRefused() {
    String misplaced = DEPLOYMENT.replace("  selector:", "  terminationGracePeriodSeconds: 30\n  selector:");
    assertThatThrownBy(() -> KubernetesManifests.parseAll(misplaced))
        .hasMessageContaining("spec.terminationGracePeriodSeconds");
  }

  @Test
  void aValueOfTheWrongTypeIsRefused() {
    String wrongType = DEPLOYMENT.replace("name: c", "name: [c]");
    assertThatThrownBy(() -> KubernetesManifests.parseAll(wrongType))
        .hasMessageContaining("does not match the API");
  }

  @Test
  void anUnknownKindIsRefused() {
    String unknown = DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet");
    assertThatThrownBy(() -> KubernetesManifests.parseAll(unknown))
        .hasMessageContaining("apps/v1/Deploymnet d is not a kind");
  }

  @Test
  void aMisspeltCustomResourceFieldIsRefused() {
    String monitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: m}
        spec:
          selector: {matchLabels: {app: d}}
          endpoints: [{port: http, pth: /metrics}]
        """;
    assertThatThrownBy(() -> KubernetesManifests.parseAll(monitor))
        .hasMessageContaining("does not match the API").hasMessageContaining("pth");
  }
}
