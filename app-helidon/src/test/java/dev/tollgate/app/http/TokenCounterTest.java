package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer's ranks load on a thread of their own while the server starts; a count that
 * comes before they are loaded waits for them and gets the same answer as any later one.
 */
class TokenCounterTest {

  @Test
  void countsThatArriveWhileTheEncodingLoadsWaitAndAgree() throws Exception {
    TokenCounter counter = new TokenCounter(100_000, new java.util.SplittableRandom());
    List<Callable<Long>> counts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      counts.add(() -> counter.count("Hello, world! How are you today?"));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Long> count : pool.invokeAll(counts)) {
        assertThat(count.get()).isEqualTo(counter.count("Hello, world! How are you today?"));
      }
    }
    assertThat(counter.count("hello world")).isEqualTo(2); // o200k_base: "hello", " world"
    assertThat(counter.count("")).isZero();
  }

  @Test
  void pastTheBoundThePromptIsItsUtf8Bytes() {
    assertThat(TokenCounter.utf8Bytes("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
  }
}
