package dev.tollgate.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rendered YAML into the typed Kubernetes API models, strictly: an unknown apiVersion/kind, a
 * field of the wrong type, or a field the API does not have is an error naming where it is.
 * The fabric8 models keep unknown fields in {@code additionalProperties} instead of failing, so
 * {@link StrictFields} walks every parsed object and refuses any that kept one.
 */
final class KubernetesManifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /** The built-in kinds the chart may render, by apiVersion/kind. */
  private static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "apps/v1/Deployment", Deployment.class,
      "batch/v1/Job", Job.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  /** Custom resources, checked against a strict record of the fields the chart uses. */
  private static final Map<String, Class<?>> CUSTOM = Map.of(
      "monitoring.coreos.com/v1/ServiceMonitor", CustomResources.ServiceMonitor.class,
      "monitoring.coreos.com/v1/PrometheusRule", CustomResources.PrometheusRule.class);

  private KubernetesManifests() {}

  /** Every document of a multi-document YAML stream, parsed and strictly checked. */
  static List<Object> parseAll(String yaml) {
    List<Object> parsed = new ArrayList<>();
    for (JsonNode node : documents(yaml)) {
      parsed.add(parse(node));
    }
    return parsed;
  }

  static List<JsonNode> documents(String yaml) {
    try (var parser = YAML.getFactory().createParser(yaml)) {
      List<JsonNode> nodes = new ArrayList<>();
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        JsonNode node = iterator.next();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          nodes.add(node);
        }
      }
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object parse(JsonNode node) {
    String type = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
    String name = node.path("metadata").path("name").asText("<no name>");
    Class<?> target = BUILT_IN.containsKey(type) ? BUILT_IN.get(type) : CUSTOM.get(type);
    if (target == null) {
      throw new AssertionError(type + " " + name + " is not a kind the chart is known to render");
    }
    Object value;
    try {
      value = YAML.treeToValue(node, target);
    } catch (IOException e) {
      throw new AssertionError(type + " " + name + " does not match the API: " + e.getMessage(), e);
    }
    List<String> unknown = StrictFields.unknownFields(value);
    if (!unknown.isEmpty()) {
      throw new AssertionError(type + " " + name + " has fields the API does not know: " + unknown);
    }
    return value;
  }
}
