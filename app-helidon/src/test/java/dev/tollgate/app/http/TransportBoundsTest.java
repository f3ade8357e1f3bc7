package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.wire.openai.ClientRequest;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.WritableHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The small bounds the listener is built from, each on its own. */
class TransportBoundsTest {

  @Test
  void a_prompt_past_the_tokenizer_bound_is_counted_as_its_bytes_which_is_never_less() {
    TokenCounter bounded = new TokenCounter(1_000, new java.util.SplittableRandom());
    for (String text : List.of("a".repeat(5_000), "héllo wörld ".repeat(500), "日本語".repeat(2_000),
        "🙂".repeat(1_500))) {
      ClientRequest request = new ClientRequest(null, null, "m", false, false,
          java.util.OptionalLong.empty(), Optional.empty(), text, 1, 1);
      long exact = bounded.count(text) + TokenCounter.TOKENS_PER_PART;
      assertThat(bounded.promptTokens(request)).as(text.substring(0, 5)).isGreaterThanOrEqualTo(exact);
      assertThat(TokenCounter.utf8Bytes(text)).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void a_prompt_within_the_bound_is_tokenized_exactly() {
    TokenCounter bounded = new TokenCounter(1_000, new java.util.SplittableRandom());
    ClientRequest request = new ClientRequest(null, null, "m", false, false,
        java.util.OptionalLong.empty(), Optional.empty(), "hello world", 2, 1);
    assertThat(bounded.promptTokens(request)).isEqualTo(2 + 2L * TokenCounter.TOKENS_PER_PART);
  }

  @Test
  void the_body_buffer_refuses_past_its_room_and_takes_back_what_is_returned() {
    BodyBuffer buffer = new BodyBuffer(100, Duration.ZERO);
    Optional<BodyBuffer.Reservation> all = buffer.reserve(100);
    assertThat(all).isPresent();
    assertThat(buffer.reserve(1)).isEmpty();
    all.get().close();
    all.get().close(); // twice gives back nothing more
    assertThat(buffer.reserve(1_000)).as("a body above the room reserves all of it").isPresent();
    assertThat(buffer.reserve(1)).isEmpty();
  }

  @Test
  void framing_a_proxy_could_read_differently_is_refused() {
    assertRefused(headers("Content-Length", "-1"));
    assertRefused(headers("Content-Length", "+5"));
    assertRefused(headers("Content-Length", "5", "Content-Length", "6"));
    assertRefused(headers("Content-Length", "5", "Transfer-Encoding", "chunked"));
    assertRefused(headers("Transfer-Encoding", "gzip, chunked"));
    assertRefused(headers("Transfer-Encoding", "identity"));
    assertRefused(headers("Content-Length", "99999999999999999999"));
  }

  @Test
  void plain_framing_passes_and_says_whether_a_body_follows() {
    assertThat(ConnectionGuard.checkFraming(null, headers())).isFalse();
    assertThat(ConnectionGuard.checkFraming(null, headers("Content-Length", "0"))).isFalse();
    assertThat(ConnectionGuard.checkFraming(null, headers("Content-Length", "12"))).isTrue();
    assertThat(ConnectionGuard.checkFraming(null, headers("Transfer-Encoding", "Chunked"))).isTrue();
  }

  @Test
  void a_rate_limited_log_writes_its_quota_per_window_then_counts_what_it_dropped() {
    Logger logger = Logger.getLogger("test.rate-limited." + System.nanoTime());
    logger.setUseParentHandlers(false);
    List<LogRecord> records = new ArrayList<>();
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    AtomicLong now = new AtomicLong();
    RateLimitedLog log = new RateLimitedLog(logger, Level.INFO, 3, Duration.ofSeconds(60), now::get);
    for (int i = 0; i < 10; i++) {
      log.log("line " + i);
    }
    assertThat(records).extracting(LogRecord::getMessage).containsExactly("line 0", "line 1", "line 2");
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    log.log("line 10");
    assertThat(records.getLast().getMessage()).isEqualTo("line 10 (7 similar lines suppressed)");
  }

  private static void assertRefused(WritableHeaders<?> headers) {
    assertThatThrownBy(() -> ConnectionGuard.checkFraming(null, headers))
        .isInstanceOfSatisfying(RequestException.class,
            e -> assertThat(e.status().code()).isEqualTo(400));
  }

  private static WritableHeaders<?> headers(String... namesAndValues) {
    WritableHeaders<?> h = WritableHeaders.create();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(HeaderNames.create(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return h;
  }
}
