package dev.tollgate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's file holds only what it changes; the packaged defaults fill in the rest. */
class ConfigFilesTest {

  @TempDir Path dir;

  private GatewayConfig load(Optional<Path> file) {
    return ConfigLoader.load(ConfigFiles.load(file, dir), new Secrets(Map.of()));
  }

  @Test
  void a_partial_operator_file_changes_its_keys_and_keeps_every_other_default() throws Exception {
    Path file = Files.writeString(dir.resolve("ops.yaml"), """
        tollgate:
          server:
            port: 9999
        """);

    GatewayConfig config = load(Optional.of(file));

    assertThat(config.server().port()).isEqualTo(9999);
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.models()).extracting(m -> m.name().value())
        .containsExactly("sim-small", "sim-large", "sim-embed");
    assertThat(config.store().type()).isEqualTo("embedded");
  }

  @Test
  void a_list_in_the_operator_file_replaces_the_defaults_list_as_a_whole() throws Exception {
    Path file = Files.writeString(dir.resolve("ops.yaml"), """
        tollgate:
          models:
            - name: only-one
              price:
                input: "1.00"
                output: "2.00"
        """);

    GatewayConfig config = load(Optional.of(file));

    assertThat(config.models()).extracting(m -> m.upstreamName().value())
        .containsExactly("only-one"); // not merged into the first default entry
    assertThat(config.models()).extracting(m -> m.name().value()).containsExactly("only-one");
  }

  @Test
  void a_transcription_model_is_priced_by_the_second_and_needs_no_token_price() throws Exception {
    Path file = Files.writeString(dir.resolve("ops.yaml"), """
        tollgate:
          models:
            - name: whisper-1
              upstream: openai/whisper-large-v3-turbo
              price:
                audio-per-second: "0.0001"
            - name: chat
              price:
                input: "1.00"
                output: "2.00"
        """);

    GatewayConfig config = load(Optional.of(file));

    assertThat(config.prices()).extracting(p -> p.prices().audioPerSecond()).containsExactly(
        dev.tollgate.domain.money.Money.usd("0.0001"), dev.tollgate.domain.money.Money.ZERO);
    assertThat(config.prices().get(0).prices().isFree()).isFalse();
    Path negative = Files.writeString(dir.resolve("neg.yaml"), """
        tollgate:
          models:
            - name: whisper-1
              price:
                audio-per-second: "-1"
        """);
    assertThatThrownBy(() -> load(Optional.of(negative))).hasMessageContaining("audio-per-second");
  }

  @Test
  void the_working_directorys_application_yaml_is_a_layer_too_under_the_operator_file()
      throws Exception {
    Files.writeString(dir.resolve("application.yaml"), """
        tollgate:
          server:
            port: 7000
            host: 0.0.0.0
        """);
    Path file = Files.writeString(dir.resolve("ops.yaml"), "tollgate.server.port: 9999\n");

    GatewayConfig config = load(Optional.of(file));

    assertThat(config.server().port()).isEqualTo(9999);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.dataPlane().type()).isEqualTo("simulated");
  }

  @Test
  void the_flag_wins_over_the_variable_and_is_taken_out_of_the_command_line() {
    ConfigFiles.Invocation flag = ConfigFiles.parse(
        new String[] {"keys", "list", "--config", "a.yaml", "--tenant", "acme"},
        Map.of(ConfigFiles.ENV, "b.yaml"));
    ConfigFiles.Invocation joined = ConfigFiles.parse(new String[] {"--config=c.yaml"}, Map.of());
    ConfigFiles.Invocation variable =
        ConfigFiles.parse(new String[] {"serve"}, Map.of(ConfigFiles.ENV, "b.yaml"));

    assertThat(flag.args()).containsExactly("keys", "list", "--tenant", "acme");
    assertThat(flag.file()).contains(Path.of("a.yaml"));
    assertThat(joined.args()).isEmpty();
    assertThat(joined.file()).contains(Path.of("c.yaml"));
    assertThat(variable.file()).contains(Path.of("b.yaml"));
    assertThat(ConfigFiles.parse(new String[] {"serve"}, Map.of()).file()).isEmpty();
  }

  @Test
  void a_missing_operator_file_or_a_flag_without_one_is_refused_by_name() {
    assertThatThrownBy(() -> load(Optional.of(dir.resolve("nope.yaml"))))
        .hasMessageContaining("nope.yaml");
    assertThatThrownBy(() -> ConfigFiles.parse(new String[] {"serve", "--config"}, Map.of()))
        .hasMessageContaining("--config needs a file");
  }
}
