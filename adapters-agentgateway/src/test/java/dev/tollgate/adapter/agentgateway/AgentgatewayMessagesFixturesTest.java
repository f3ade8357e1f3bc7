package dev.tollgate.adapter.agentgateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The raw Anthropic answers next to agentgateway's golden snapshots ({@code anthropic__*.json}) are
 * what its {@code Messages} route passes through to a Tollgate client; read as Messages usage they
 * give the same parts the snapshots' translations give (AgentgatewayFixturesTest).
 */
class AgentgatewayMessagesFixturesTest {

  private static final AgentgatewayDataPlane PLANE = new AgentgatewayDataPlane(
      AgentgatewaySettings.defaults(URI.create("http://127.0.0.1:9")));

  @AfterAll
  static void close() {
    PLANE.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "anthropic__basic.json,                       15, 12,    13, 21",
      "anthropic__thinking.json,                    47,  2,     1, 251",
      "anthropic__stream_basic.json,                15,  0,     0, 21",
      "anthropic__stream_message_delta_usage.json, 3883, 30464, 0, 49"})
  void rawAnthropicAnswersAreReadAsMessagesUsage(
      String name, long input, long cached, long written, long output) {
    byte[] raw = Snapshots.raw(name);

    Optional<TokenUsage> usage = name.contains("stream") ? streamed(raw)
        : PLANE.messagesUsageIn(raw, 0, raw.length).map(MessagesUsage::toTokenUsage);

    assertThat(usage).contains(new TokenUsage(input, cached, written, output, 0));
  }

  /** message_start then every message_delta, overlaid: the last report of each field wins. */
  private static Optional<TokenUsage> streamed(byte[] sse) {
    MessagesUsage seen = MessagesUsage.EMPTY;
    for (String line : new String(sse, UTF_8).split("\n")) {
      if (line.startsWith("data:")) {
        byte[] data = line.substring(5).strip().getBytes(UTF_8);
        seen = PLANE.messagesUsageIn(data, 0, data.length).map(seen::then).orElse(seen);
      }
    }
    return seen.isEmpty() ? Optional.empty() : Optional.of(seen.toTokenUsage());
  }
}
