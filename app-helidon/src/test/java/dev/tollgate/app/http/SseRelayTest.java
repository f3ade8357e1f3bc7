package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.wire.openai.AnswerEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the relay's writes reach the client: every event the data plane sent is out (flushed)
 * before the relay reads from the data plane again, and the events one read brought go out
 * together, as a proxy without buffering sends them.
 */
class SseRelayTest {

  private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\","
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}]}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  @Test
  void the_events_of_one_read_go_out_in_one_flush() {
    String body = CHUNK.formatted("a") + CHUNK.formatted("b") + CHUNK.formatted("c") + DONE;
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(body));
    RelayEnds.Client client = new RelayEnds.Client();

    SseRelay.Result result = relay().relay(upstream, client);

    assertThat(client.sent()).isEqualTo(body);
    assertThat(client.flushes).containsExactly(body);
    assertThat(result.eventsRelayed()).isEqualTo(4);
    assertThat(result.producedText()).isEqualTo("abc");
    assertThat(result.clientGone()).isFalse();
  }

  @Test
  void whatever_was_complete_is_out_before_the_relay_reads_again() {
    String first = CHUNK.formatted("a");
    String second = CHUNK.formatted("b");
    String half = second.substring(0, 20);
    // read 1: one event and half of the next; read 2: the rest of it and [DONE]
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(first + half, second.substring(20) + DONE));
    RelayEnds.Client client = new RelayEnds.Client();
    upstream.client = client;

    relay().relay(upstream, client);

    assertThat(upstream.sentBeforeEachRead).containsExactly("", first, first + second + DONE);
    assertThat(client.flushes).containsExactly(first, second + DONE);
  }

  @Test
  void a_client_gone_at_the_flush_ends_the_relay_as_gone() {
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(CHUNK.formatted("a"), CHUNK.formatted("b")));
    RelayEnds.Client client = new RelayEnds.Client();
    client.failFlush = true;

    SseRelay.Result result = relay().relay(upstream, client);

    assertThat(result.clientGone()).isTrue();
    assertThat(upstream.reads).isEqualTo(1);
  }

  @Test
  void events_larger_than_the_first_buffer_pass_whole_in_any_read_size() {
    StringBuilder body = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String content = String.valueOf((char) ('a' + i)).repeat(3_000 + 97 * i);
      body.append(CHUNK.formatted(content));
      text.append(content);
    }
    body.append(DONE);
    // one part of ~70 KB: the relay's reads take it as its buffer allows
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(body.toString()));
    RelayEnds.Client client = new RelayEnds.Client();

    SseRelay.Result result = relay().relay(upstream, client);

    assertThat(client.sent()).isEqualTo(body.toString());
    assertThat(client.flushes).allSatisfy(f -> assertThat(f).endsWith("\n\n"));
    assertThat(result.eventsRelayed()).isEqualTo(21);
    assertThat(result.producedText()).isEqualTo(text.toString());
  }

  @Test
  void rewritten_and_dropped_events_keep_their_place_among_those_passed_unchanged() {
    String renamed = CHUNK.formatted("b").replace("\"model\":\"m\"", "\"model\":\"upstream-m\"");
    String usageOnly = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n";
    String body = CHUNK.formatted("a") + renamed + CHUNK.formatted("c") + usageOnly + DONE;
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(body));
    RelayEnds.Client client = new RelayEnds.Client();
    SseRelay relay = new SseRelay(new UsageOnlyChunkPlane(), new ObjectMapper(), false,
        new AnswerEdit("m", true));

    SseRelay.Result result = relay.relay(upstream, client);

    String expected = CHUNK.formatted("a") + CHUNK.formatted("b") + CHUNK.formatted("c") + DONE;
    assertThat(client.sent()).isEqualTo(expected);
    assertThat(client.flushes).containsExactly(expected);
    assertThat(result.eventsRelayed()).isEqualTo(4);
    assertThat(result.usage()).isPresent();
  }

  /** Finds usage in the usage-only chunk (any payload that has a "usage" member). */
  private static final class UsageOnlyChunkPlane extends RelayEnds.NoUsagePlane {
    @Override
    public java.util.Optional<dev.tollgate.domain.usage.TokenUsage> usageIn(byte[] json, int offset, int length) {
      String text = new String(json, offset, length, java.nio.charset.StandardCharsets.UTF_8);
      return text.contains("\"usage\"")
          ? java.util.Optional.of(dev.tollgate.domain.usage.TokenUsage.of(3, 2))
          : java.util.Optional.empty();
    }
  }

  private static SseRelay relay() {
    return new SseRelay(new RelayEnds.NoUsagePlane(), new ObjectMapper(), true, new AnswerEdit("m", false));
  }
}
