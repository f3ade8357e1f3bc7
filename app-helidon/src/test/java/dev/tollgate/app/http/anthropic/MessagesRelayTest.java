package dev.tollgate.app.http.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.http.RelayEnds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the Messages relay's writes reach the client: all a read brought goes out in one flush,
 * and all of it before the relay reads from the data plane again.
 */
class MessagesRelayTest {

  private static final String DELTA = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
      + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n";
  private static final String STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  @Test
  void the_events_of_one_read_go_out_in_one_flush() {
    String body = DELTA.formatted("a") + DELTA.formatted("b") + STOP;
    RelayEnds.Client client = new RelayEnds.Client();

    MessagesRelay.Result result = relay().relay(new RelayEnds.Upstream(List.of(body)), client);

    assertThat(client.flushes).containsExactly(body);
    assertThat(result.eventsRelayed()).isEqualTo(3);
    assertThat(result.producedText()).isEqualTo("ab");
  }

  @Test
  void whatever_was_complete_is_out_before_the_relay_reads_again() {
    String first = DELTA.formatted("a");
    String second = DELTA.formatted("b");
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(
        List.of(first + second.substring(0, 30), second.substring(30) + STOP));
    RelayEnds.Client client = new RelayEnds.Client();
    upstream.client = client;

    relay().relay(upstream, client);

    assertThat(upstream.sentBeforeEachRead).containsExactly("", first, first + second + STOP);
    assertThat(client.flushes).containsExactly(first, second + STOP);
  }

  @Test
  void a_client_gone_at_the_flush_ends_the_relay_as_gone() {
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of(DELTA.formatted("a"), STOP));
    RelayEnds.Client client = new RelayEnds.Client();
    client.failFlush = true;

    assertThat(relay().relay(upstream, client).clientGone()).isTrue();
    assertThat(upstream.reads).isEqualTo(1);
  }

  private static MessagesRelay relay() {
    return new MessagesRelay(new RelayEnds.NoUsagePlane(), new ObjectMapper());
  }
}
