package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

  @Test
  void readsBackWhatToStringWroteExactlyAsInstantParseDoes() {
    SplittableRandom random = new SplittableRandom(42);
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(min, max);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      String text = Instant.ofEpochSecond(seconds, nanos).toString();
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void writesWhatToStringWrites() {
    SplittableRandom random = new SplittableRandom(7);
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), nanos);
      assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
    }
    for (Instant edge : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX,
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2024-02-29T12:00:00.100Z"),
        Instant.parse("2026-12-03T17:26:35.000010Z")}) {
      assertThat(IsoInstants.format(edge)).isEqualTo(edge.toString());
    }
  }

  @Test
  void edgesAreTheFormattersAnswer() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z", "2026-12-31T23:59:60Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "2026-12-03T17:26:35.12Z",
        "2026-12-03T24:00:00Z", "2026-12-03T17:26:35.Z"}) { // the formatter reads 24:00 as the next day's start
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void refusesWhatTheFormatterRefuses() {
    for (String text : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-12-03T17:26:35.1234567890Z",
        "2026-12-03 17:26:35Z", "2026-1a-03T17:26:35Z", "x", ""}) {
      assertThatThrownBy(() -> IsoInstants.parse(text)).as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
