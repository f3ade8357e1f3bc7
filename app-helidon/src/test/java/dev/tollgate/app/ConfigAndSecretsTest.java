package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.TenantPolicy;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndSecretsTest {

  @TempDir Path dir;

  @Test
  void a_secret_comes_from_the_environment_or_a_mounted_file_and_never_prints() throws Exception {
    Path file = Files.writeString(dir.resolve("master"), "from-file\n");

    var fromEnv = new Secrets(Map.of("TOLLGATE_MASTER_KEY", "from-env")).read("TOLLGATE_MASTER_KEY");
    var fromFile = new Secrets(Map.of("TOLLGATE_MASTER_KEY_FILE", file.toString())).read("TOLLGATE_MASTER_KEY");

    assertThat(fromEnv.orElseThrow().reveal()).isEqualTo("from-env");
    assertThat(fromFile.orElseThrow().reveal()).isEqualTo("from-file");
    assertThat(fromFile.orElseThrow().toString()).doesNotContain("from-file");
    assertThat(new Secrets(Map.of()).read("TOLLGATE_MASTER_KEY")).isEmpty();
  }

  @Test
  void a_secret_set_twice_is_refused_rather_than_guessed() {
    Secrets both = new Secrets(Map.of("X", "a", "X_FILE", "/nonexistent"));
    assertThatThrownBy(() -> both.read("X")).hasMessageContaining("both set");
  }

  @Test
  void the_packaged_defaults_start_a_simulated_gateway_with_priced_models() {
    GatewayConfig config = ConfigLoader.load(Config.create(), new Secrets(Map.of()));

    assertThat(config.dataPlane().type()).isEqualTo("simulated");
    assertThat(config.models()).extracting(m -> m.name().value())
        .contains("sim-small", "sim-large", "sim-embed");
    assertThat(config.prices()).hasSameSizeAs(config.models());
    assertThat(config.masterKey()).isEmpty();
  }

  @Test
  void environment_style_overrides_win_over_the_yaml() {
    Config config = Config.builder()
        .sources(ConfigSources.create(Map.of("tollgate.server.port", "9999",
            "tollgate.data-plane.type", "agentgateway",
            "tollgate.data-plane.base-url", "http://agw:8080")),
            ConfigSources.classpath("application.yaml"))
        .disableEnvironmentVariablesSource()
        .disableSystemPropertiesSource()
        .build();

    GatewayConfig loaded = ConfigLoader.load(config, new Secrets(Map.of()));

    assertThat(loaded.server().port()).isEqualTo(9999);
    assertThat(loaded.dataPlane().baseUrl()).hasValueSatisfying(u -> assertThat(u).hasHost("agw"));
  }

  @Test
  void envoy_ai_gateway_is_chosen_by_configuration_with_its_tenant_header() {
    Config config = Config.just(ConfigSources.create(Map.of(
        "tollgate.data-plane.type", "envoy-aigw",
        "tollgate.data-plane.base-url", "http://envoy-ai-gateway:8080",
        "tollgate.data-plane.envoy-aigw.tenant-header", "X-Org-Id",
        "tollgate.data-plane.envoy-aigw.send-model-header", "false")));

    GatewayConfig.DataPlaneSettings dataPlane =
        ConfigLoader.load(config, new Secrets(Map.of())).dataPlane();

    assertThat(dataPlane.type()).isEqualTo("envoy-aigw");
    assertThat(dataPlane.envoyAiGateway())
        .isEqualTo(new GatewayConfig.EnvoyAiGatewayOptions("x-org-id", false));
  }

  @Test
  void envoy_ai_gateway_options_default_to_x_tenant_id_and_the_model_header() {
    Config config = Config.just(ConfigSources.create(Map.of(
        "tollgate.data-plane.type", "envoy-aigw",
        "tollgate.data-plane.base-url", "http://envoy-ai-gateway:8080")));

    assertThat(ConfigLoader.load(config, new Secrets(Map.of())).dataPlane().envoyAiGateway())
        .isEqualTo(GatewayConfig.EnvoyAiGatewayOptions.DEFAULTS);
  }

  @Test
  void a_tenant_header_that_is_no_header_name_fails_at_start_naming_the_key() {
    Config config = Config.just(ConfigSources.create(Map.of(
        "tollgate.data-plane.type", "envoy-aigw",
        "tollgate.data-plane.base-url", "http://envoy-ai-gateway:8080",
        "tollgate.data-plane.envoy-aigw.tenant-header", "x tenant")));

    assertThatThrownBy(() -> ConfigLoader.load(config, new Secrets(Map.of())))
        .hasMessageContaining("tollgate.data-plane.envoy-aigw.tenant-header");
  }

  @Test
  void an_unknown_data_plane_fails_at_start_naming_the_valid_ones() {
    Config config = Config.just(ConfigSources.create(Map.of("tollgate.data-plane.type", "nginx")));
    assertThatThrownBy(() -> ConfigLoader.load(config, new Secrets(Map.of())))
        .hasMessageContaining("nginx").hasMessageContaining("agentgateway")
        .hasMessageContaining("envoy-aigw").hasMessageContaining("simulated");
  }

  @Test
  void a_configured_tenant_carries_its_policies_near_the_limit() {
    Config config = Config.just(ConfigSources.create(Map.of(
        "tollgate.tenants.0.id", "acme",
        "tollgate.tenants.0.budget-exhausted", "clamp",
        "tollgate.tenants.0.min-output-tokens", "32",
        "tollgate.tenants.0.soft-budget", "demote",
        "tollgate.tenants.0.demoted-objective", "batch",
        "tollgate.tenants.1.id", "globex")));

    GatewayConfig loaded = ConfigLoader.load(config, new Secrets(Map.of()));

    assertThat(loaded.tenants()).extracting(TenantPolicy::nearLimit).containsExactly(
        new NearLimitPolicy(NearLimitPolicy.WhenExhausted.CLAMP, 32,
            NearLimitPolicy.PastSoftBudget.DEMOTE, "batch"),
        NearLimitPolicy.DEFAULT);
  }

  @Test
  void an_unknown_near_limit_action_fails_at_start_naming_the_key() {
    Config config = Config.just(ConfigSources.create(Map.of(
        "tollgate.tenants.0.id", "acme", "tollgate.tenants.0.budget-exhausted", "shrink")));

    assertThatThrownBy(() -> ConfigLoader.load(config, new Secrets(Map.of())))
        .hasMessageContaining("budget-exhausted").hasMessageContaining("[refuse, clamp]");
  }
}
