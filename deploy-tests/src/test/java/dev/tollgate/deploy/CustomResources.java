package dev.tollgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The custom resources the chart renders, as strict records of the fields it sets (read with
 * FAIL_ON_UNKNOWN_PROPERTIES): a misspelt field fails here as it would fail the CRD's schema.
 * Field names follow the CRDs' published schemas.
 */
final class CustomResources {

  private CustomResources() {}

  record Metadata(String name, String namespace, Map<String, String> labels,
      Map<String, String> annotations) {}

  record LabelSelector(Map<String, String> matchLabels, List<JsonNode> matchExpressions) {}

  /** monitoring.coreos.com/v1 ServiceMonitor (Prometheus Operator). */
  record ServiceMonitor(String apiVersion, String kind, Metadata metadata, ServiceMonitorSpec spec) {}

  record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints,
      NamespaceSelector namespaceSelector, String jobLabel) {}

  record NamespaceSelector(Boolean any, List<String> matchNames) {}

  record Endpoint(String port, String path, String interval, String scrapeTimeout, String scheme) {}

  /** monitoring.coreos.com/v1 PrometheusRule (Prometheus Operator). */
  record PrometheusRule(String apiVersion, String kind, Metadata metadata, PrometheusRuleSpec spec) {}

  record PrometheusRuleSpec(List<RuleGroup> groups) {}

  record RuleGroup(String name, String interval, List<Rule> rules) {}

  record Rule(String alert, String record, String expr, @com.fasterxml.jackson.annotation.JsonProperty("for") String forDuration, Map<String, String> labels,
      Map<String, String> annotations) {}
}
