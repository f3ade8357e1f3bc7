package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import dev.tollgate.wire.openai.AnswerEdit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
    Upstream upstream = new Upstream(List.of(body));
    Client client = new Client();

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
    Upstream upstream = new Upstream(List.of(first + half, second.substring(20) + DONE));
    Client client = new Client();
    upstream.client = client;

    relay().relay(upstream, client);

    assertThat(upstream.sentBeforeEachRead).containsExactly("", first, first + second + DONE);
    assertThat(client.flushes).containsExactly(first, second + DONE);
  }

  @Test
  void a_client_gone_at_the_flush_ends_the_relay_as_gone() {
    Upstream upstream = new Upstream(List.of(CHUNK.formatted("a"), CHUNK.formatted("b")));
    Client client = new Client();
    client.failFlush = true;

    SseRelay.Result result = relay().relay(upstream, client);

    assertThat(result.clientGone()).isTrue();
    assertThat(upstream.reads).isEqualTo(1);
  }

  private static SseRelay relay() {
    return new SseRelay(new NoUsagePlane(), new ObjectMapper(), true, new AnswerEdit("m", false));
  }

  /** Answers each read with the next of its parts, then the end of the stream. */
  private static final class Upstream extends InputStream {
    final Deque<byte[]> parts = new ArrayDeque<>();
    final List<String> sentBeforeEachRead = new ArrayList<>();
    Client client;
    int reads;

    Upstream(List<String> parts) {
      parts.forEach(p -> this.parts.add(p.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      reads++;
      if (client != null) {
        sentBeforeEachRead.add(client.flushed.toString(StandardCharsets.UTF_8));
      }
      byte[] next = parts.poll();
      if (next == null) {
        return -1;
      }
      System.arraycopy(next, 0, b, off, next.length);
      return next.length;
    }
  }

  /** Keeps what was written and, apart, what each flush sent. */
  private static final class Client extends OutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
    final List<String> flushes = new ArrayList<>();
    boolean failFlush;
    private int sentUpTo;

    @Override
    public void write(int b) {
      written.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      written.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (failFlush) {
        throw new IOException("the client left");
      }
      byte[] all = written.toByteArray();
      flushes.add(new String(all, sentUpTo, all.length - sentUpTo, StandardCharsets.UTF_8));
      flushed.write(all, sentUpTo, all.length - sentUpTo);
      sentUpTo = all.length;
    }

    String sent() {
      return flushed.toString(StandardCharsets.UTF_8);
    }
  }

  private static final class NoUsagePlane implements DataPlane {
    @Override
    public String name() {
      return "test";
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
      return Optional.empty();
    }

    @Override
    public Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
      return Optional.empty();
    }

    @Override
    public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
      throw new UnsupportedOperationException();
    }
  }
}
