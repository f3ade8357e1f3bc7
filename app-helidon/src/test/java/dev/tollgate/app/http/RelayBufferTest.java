package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relay's read buffer against a plain record of what was read and consumed: whatever the
 * parts, read sizes and consumption, it holds exactly the bytes read and not yet consumed, in
 * order; it starts small and grows only as far as reads and events make it.
 */
class RelayBufferTest {

  @Test
  void it_holds_exactly_what_was_read_and_not_consumed() throws IOException {
    Random random = new Random(14);
    for (int round = 0; round < 300; round++) {
      List<String> parts = new ArrayList<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        parts.add(text(random, 1 + random.nextInt(random.nextBoolean() ? 500 : 40_000)));
      }
      RelayEnds.Upstream upstream = new RelayEnds.Upstream(parts);
      RelayBuffer buffer = new RelayBuffer();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      int consumedSoFar = 0;
      while (true) {
        if (buffer.fullAtCap()) {
          buffer.consumed(buffer.filled());
          consumedSoFar = read.size();
        }
        int before = buffer.filled();
        int n = buffer.readFrom(upstream);
        if (n < 0) {
          break;
        }
        read.write(buffer.bytes(), before, n);
        byte[] all = read.toByteArray();
        assertThat(Arrays.copyOf(buffer.bytes(), buffer.filled()))
            .isEqualTo(Arrays.copyOfRange(all, consumedSoFar, all.length));
        int consume = random.nextInt(4) == 0 ? 0 : random.nextInt(buffer.filled() + 1);
        buffer.consumed(consume);
        consumedSoFar += consume;
      }
      assertThat(read.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(String.join("", parts));
    }
  }

  @Test
  void it_starts_at_2_kb_and_grows_to_16_kb_only_while_reads_come_back_full() throws IOException {
    RelayBuffer small = new RelayBuffer();
    RelayEnds.Upstream few = new RelayEnds.Upstream(List.of("a".repeat(300), "b".repeat(300)));
    small.readFrom(few);
    small.consumed(small.filled());
    small.readFrom(few);
    assertThat(small.bytes()).hasSize(RelayBuffer.INITIAL_BYTES);

    RelayBuffer busy = new RelayBuffer();
    RelayEnds.Upstream lots = new RelayEnds.Upstream(List.of("c".repeat(200_000)));
    for (int i = 0; i < 10; i++) {
      busy.readFrom(lots);
      busy.consumed(busy.filled());
    }
    assertThat(busy.bytes()).hasSize(RelayBuffer.BUSY_BYTES);
  }

  @Test
  void one_event_longer_than_the_buffer_grows_it_up_to_the_cap() throws IOException {
    RelayBuffer buffer = new RelayBuffer();
    RelayEnds.Upstream upstream = new RelayEnds.Upstream(List.of("d".repeat(RelayBuffer.MAX_EVENT_BYTES + 10)));
    while (!buffer.fullAtCap()) {
      buffer.readFrom(upstream);
    }
    assertThat(buffer.filled()).isEqualTo(RelayBuffer.MAX_EVENT_BYTES);
    buffer.consumed(buffer.filled());
    assertThat(buffer.readFrom(upstream)).isEqualTo(10);
  }

  private static String text(Random random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }
}
