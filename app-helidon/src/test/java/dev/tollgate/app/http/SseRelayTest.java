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

  private static SseRelay relay() {
    return new SseRelay(new RelayEnds.NoUsagePlane(), new ObjectMapper(), true, new AnswerEdit("m", false));
  }
}
