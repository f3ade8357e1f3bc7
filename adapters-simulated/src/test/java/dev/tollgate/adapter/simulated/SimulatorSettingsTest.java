package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

  @Test
  void defaultsServeTheSimModelsOnAnEphemeralLoopbackPortWithoutDelay() {
    SimulatorSettings defaults = SimulatorSettings.defaults();

    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.port()).isZero();
    assertThat(defaults.firstByteDelay()).isZero();
    assertThat(defaults.interTokenDelay()).isZero();
    assertThat(defaults.defaultMaxTokens()).isEqualTo(16);
    assertThat(defaults.models()).contains("sim-small", "sim-large");
  }

  @Test
  void outOfRangeValuesAreProgrammerErrors() {
    SimulatorSettings base = SimulatorSettings.defaults();

    assertThatIllegalArgumentException().isThrownBy(() -> base.withPort(70_000));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withHost(" "));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withDefaultMaxTokens(0));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withDefaultMaxTokens(4097));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withDelays(Duration.ofMillis(-1), Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withDelays(Duration.ZERO, Duration.ofSeconds(6)));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withModels(List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> base.withModels(List.of("a", "a")));
  }

  @Test
  void theCommandLineSetsEverySetting() {
    SimulatorSettings settings = SimulatorMain.parse(new String[] {
        "--port", "18100", "--first-byte-ms", "150", "--token-ms", "20", "--max-tokens", "64",
        "--models", "gpt-4o-mini,sim-small", "--host", "0.0.0.0"}, SimulatorSettings.defaults());

    assertThat(settings).isEqualTo(new SimulatorSettings("0.0.0.0", 18100, Duration.ofMillis(150),
        Duration.ofMillis(20), 64, List.of("gpt-4o-mini", "sim-small")));
  }

  @Test
  void theCommandLineRejectsUnknownFlagsAndBadNumbers() {
    SimulatorSettings base = SimulatorSettings.defaults();

    assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] {"--speed", "1"}, base));
    assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] {"--port", "x"}, base));
    assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] {"--port"}, base));
  }
}
