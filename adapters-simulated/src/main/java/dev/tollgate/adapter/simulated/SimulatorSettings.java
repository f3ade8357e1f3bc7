package dev.tollgate.adapter.simulated;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Simulator} listens and paces its replies.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1}
 * @param port TCP port; 0 picks a free ephemeral port
 * @param firstByteDelay pause before the first byte of a reply (time to first token)
 * @param interTokenDelay pause between two streamed tokens; a JSON reply waits the same in total
 * @param defaultMaxTokens reply length in tokens when the request names no smaller maximum
 * @param models model ids served; any other model is answered 404 {@code model_not_found}
 */
public record SimulatorSettings(
    String host,
    int port,
    Duration firstByteDelay,
    Duration interTokenDelay,
    int defaultMaxTokens,
    List<String> models) {

  /** Hard cap on the tokens of one reply, whatever a request or header asks for. */
  public static final int MAX_TOKENS_LIMIT = 4096;

  static final Duration MAX_FIRST_BYTE_DELAY = Duration.ofSeconds(60);
  static final Duration MAX_INTER_TOKEN_DELAY = Duration.ofSeconds(5);
  static final int MAX_MODELS = 64;
  static final List<String> DEFAULT_MODELS = List.of("sim-small", "sim-large", "sim-embed");

  public SimulatorSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(firstByteDelay, "firstByteDelay");
    Objects.requireNonNull(interTokenDelay, "interTokenDelay");
    Objects.requireNonNull(models, "models");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    requireDelay("firstByteDelay", firstByteDelay, MAX_FIRST_BYTE_DELAY);
    requireDelay("interTokenDelay", interTokenDelay, MAX_INTER_TOKEN_DELAY);
    if (defaultMaxTokens < 1 || defaultMaxTokens > MAX_TOKENS_LIMIT) {
      throw new IllegalArgumentException(
          "defaultMaxTokens must be 1.." + MAX_TOKENS_LIMIT + ": " + defaultMaxTokens);
    }
    models = List.copyOf(models);
    if (models.isEmpty() || models.size() > MAX_MODELS) {
      throw new IllegalArgumentException("models must hold 1.." + MAX_MODELS + " ids: " + models);
    }
    if (models.stream().anyMatch(String::isBlank) || models.stream().distinct().count() != models.size()) {
      throw new IllegalArgumentException("model ids must be distinct and not blank: " + models);
    }
  }

  /** Loopback, an ephemeral port, no delays, 16-token replies, the default models. */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings("127.0.0.1", 0, Duration.ZERO, Duration.ZERO, 16, DEFAULT_MODELS);
  }

  public SimulatorSettings withHost(String newHost) {
    return new SimulatorSettings(newHost, port, firstByteDelay, interTokenDelay, defaultMaxTokens, models);
  }

  public SimulatorSettings withPort(int newPort) {
    return new SimulatorSettings(host, newPort, firstByteDelay, interTokenDelay, defaultMaxTokens, models);
  }

  public SimulatorSettings withDelays(Duration firstByte, Duration interToken) {
    return new SimulatorSettings(host, port, firstByte, interToken, defaultMaxTokens, models);
  }

  public SimulatorSettings withDefaultMaxTokens(int tokens) {
    return new SimulatorSettings(host, port, firstByteDelay, interTokenDelay, tokens, models);
  }

  public SimulatorSettings withModels(List<String> newModels) {
    return new SimulatorSettings(host, port, firstByteDelay, interTokenDelay, defaultMaxTokens, newModels);
  }

  private static void requireDelay(String name, Duration delay, Duration max) {
    if (delay.isNegative() || delay.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be 0.." + max + ": " + delay);
    }
  }
}
