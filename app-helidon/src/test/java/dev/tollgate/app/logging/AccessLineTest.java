package dev.tollgate.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.tollgate.app.config.LogFormat;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The access line written straight to standard error is, byte for byte, what Logback's encoders
 * (as {@link Logging} sets them up) write for the same event: time, thread, message and
 * key-value pairs, in both formats, whatever characters they hold.
 */
class AccessLineTest {

  private static final String[] TEXTS = {"/v1/chat/completions", "200", "req_89e82fbfaba0854b_1", "acme",
      "key_61d82e94bd0211eb29c10e30", "gpt-4o-mini", "0.0000034", "true", "6.152", "",
      "quote \" and back\\slash", "tab\tnew\nline\rret", "bell\u0007 nul\u0000 esc\u001b", "caf\u00e9 \u6f22 \ud83d\ude00",
      "[0x5553f6b7 0x08881a30] WebServer socket", "a/b//c", "\u007f\u0080\u2028"};

  @Test
  void textAndJsonAreWhatLogbacksEncodersWrite() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (LogFormat format : LogFormat.values()) {
      compare(Logging.encoder(format, context), new AccessLine(format, ZoneId.systemDefault()), context, format);
    }
  }

  @Test
  void theTextLinesTimeIsLogbacksInAnyZone() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String zone : new String[] {"UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"}) {
      PatternLayoutEncoder logback = new PatternLayoutEncoder();
      logback.setContext(context);
      logback.setPattern(Logging.TEXT_PATTERN.replace("SSSXXX}", "SSSXXX, " + zone + "}"));
      logback.start();
      compare(logback, new AccessLine(LogFormat.TEXT, ZoneId.of(zone)), context, zone);
    }
  }

  private static void compare(Encoder<ILoggingEvent> logback, AccessLine line, LoggerContext context, Object what) {
    Random random = new Random(7);
    for (int n = 0; n < 500; n++) {
      long millis = 1_796_321_223_409L + random.nextLong(3_000_000_000L) * (random.nextBoolean() ? 1 : -1);
      String thread = pick(random);
      String message = pick(random) + " " + pick(random);
      String[] pairs = new String[26];
      int count = 2 * (1 + random.nextInt(13));
      for (int k = 0; k < count; k++) {
        pairs[k] = k % 2 == 0 ? "k" + k + (random.nextInt(5) == 0 ? pick(random) : "") : pick(random);
      }
      LoggingEvent event = new LoggingEvent(AccessLog.class.getName(), context.getLogger(AccessLog.LOGGER),
          Level.INFO, message, null, null);
      event.setTimeStamp(millis);
      event.setThreadName(thread);
      for (int k = 0; k < count; k += 2) {
        event.addKeyValuePair(new KeyValuePair(pairs[k], pairs[k + 1]));
      }
      String expected = new String(logback.encode(event), StandardCharsets.UTF_8);
      assertThat(line.format(millis, thread, message, pairs, count)).as(what.toString()).isEqualTo(expected);
    }
  }

  private static String pick(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }
}
