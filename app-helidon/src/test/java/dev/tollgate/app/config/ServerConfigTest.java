package dev.tollgate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tollgate.server: the CORS origins and the session headers, as YAML lists and as one value. */
class ServerConfigTest {

  private static CorsSettings load(Map<String, String> keys) {
    Map<String, String> all = new HashMap<>(keys);
    all.putIfAbsent("tollgate.data-plane.type", "simulated");
    return ConfigLoader.load(Config.just(ConfigSources.create(all)), new Secrets(Map.of()))
        .server().cors();
  }

  @Test
  void no_origin_is_allowed_unless_configured() {
    CorsSettings packaged = ConfigLoader.load(
        Config.builder().sources(ConfigSources.classpath("application.yaml"))
            .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build(),
        new Secrets(Map.of())).server().cors();

    assertThat(packaged).isEqualTo(CorsSettings.NONE);
    assertThat(packaged.enabled()).isFalse();
    assertThat(load(Map.of())).isEqualTo(CorsSettings.NONE);
  }

  @Test
  void origins_come_as_a_list_or_as_one_comma_separated_value_and_are_spelled_as_browsers_do() {
    CorsSettings listed = load(Map.of(
        "tollgate.server.cors.allowed-origins.0", "https://Chat.Example.com/",
        "tollgate.server.cors.allowed-origins.1", "http://localhost:3000",
        "tollgate.server.cors.max-age", "PT1H"));
    CorsSettings commaSeparated = load(Map.of("tollgate.server.cors.allowed-origins",
        "https://chat.example.com:443, http://localhost:3000"));

    assertThat(listed).isEqualTo(new CorsSettings(
        List.of("https://chat.example.com", "http://localhost:3000"), Duration.ofHours(1)));
    assertThat(commaSeparated.allowedOrigins())
        .containsExactly("https://chat.example.com", "http://localhost:3000");
    assertThat(load(Map.of("tollgate.server.cors.allowed-origins", "*")).allowedOrigins())
        .containsExactly("*");
  }

  @Test
  void an_environment_variable_overrides_the_packaged_empty_list() {
    CorsSettings s = ConfigLoader.load(Config.builder()
        .sources(ConfigSources.create(Map.of("tollgate.server.cors.allowed-origins",
                "https://a.example.com, http://localhost:3000")),
            ConfigSources.classpath("application.yaml"))
        .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build(),
        new Secrets(Map.of())).server().cors();

    assertThat(s.allowedOrigins()).containsExactly("https://a.example.com", "http://localhost:3000");
  }

  @Test
  void the_session_headers_come_from_one_comma_separated_value_too() {
    GatewayConfig.Server server = ConfigLoader.load(Config.just(ConfigSources.create(Map.of(
        "tollgate.data-plane.type", "simulated",
        "tollgate.server.session-headers", "X-Chat-Id, X-Thread"))), new Secrets(Map.of())).server();

    assertThat(server.sessionHeaders()).containsExactly("X-Chat-Id", "X-Thread");
  }

  @Test
  void what_no_browser_sends_as_an_origin_is_refused_naming_the_key() {
    for (String bad : List.of("chat.example.com", "https://chat.example.com/app", "null",
        "ftp://files.example.com", "https://user@chat.example.com", "*, https://a.example.com")) {
      assertThatThrownBy(() -> load(Map.of("tollgate.server.cors.allowed-origins", bad)))
          .as(bad).hasMessageContaining("tollgate.server.cors.allowed-origins");
    }
    assertThatThrownBy(() -> load(Map.of("tollgate.server.cors.max-age", "P2D")))
        .hasMessageContaining("tollgate.server.cors.max-age");
  }
}
