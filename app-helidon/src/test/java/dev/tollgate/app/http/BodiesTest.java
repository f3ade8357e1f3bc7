package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BodiesTest {

  /** Hands out at most {@code step} bytes per read, as a socket does. */
  private static InputStream trickle(byte[] body, int step) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static byte[] body(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  @Test
  void aBodyOfTheAnnouncedLengthIsReadWholeIntoAnArrayOfThatLength() throws IOException {
    byte[] body = body(new Random(1), 613);

    byte[] read = Bodies.readUpTo(trickle(body, 100), 1_000_000, body.length);

    assertThat(read).isEqualTo(body).hasSize(613);
  }

  @Test
  void whateverWasAnnouncedTheBodyIsReadUpToTheLimitAndNoFurther() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      int length = random.nextInt(round % 10 == 0 ? 40_000 : 600);
      byte[] body = body(random, length);
      long limit = random.nextInt(4) == 0 ? random.nextInt(length + 1) : length + 1 + random.nextInt(50);
      long announced = switch (random.nextInt(4)) {
        case 0 -> 0; // unknown (chunked)
        case 1 -> length;
        case 2 -> random.nextInt(length + 1); // fewer than came
        default -> length + 1 + random.nextInt(20_000); // more than came: cut short
      };
      int step = 1 + random.nextInt(round % 3 == 0 ? 3 : 9_000);

      byte[] read = Bodies.readUpTo(trickle(body, step), limit, announced);

      assertThat(read)
          .as("length %d limit %d announced %d step %d", length, limit, announced, step)
          .isEqualTo(Arrays.copyOf(body, (int) Math.min(length, limit)));
    }
  }

  @Test
  void noLimitReadsNothing() throws IOException {
    assertThat(Bodies.readUpTo(trickle(new byte[10], 4), 0, 10)).isEmpty();
  }
}
