package dev.tollgate.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines are written in batches, in each thread's order, none lost: not under many threads, not
 * past the buffer's bound, not at the JVM's exit, and lines logged after it are written at once.
 */
class BatchingStderrAppenderTest {

  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;
  private BatchingStderrAppender appender;

  @BeforeEach
  void capture() {
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    appender = new BatchingStderrAppender();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.start();
  }

  @AfterEach
  void restore() {
    appender.stop();
    System.setErr(original);
  }

  @Test
  void everyLineOfEveryThreadArrivesOnceAndInItsThreadsOrder() throws Exception {
    int threads = 8;
    int perThread = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      loggers.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          appender.doAppend(event("t" + thread + " " + i));
        }
      }));
    }
    start.countDown();
    for (Thread t : loggers) {
      t.join();
    }
    appender.goDirect();

    int[] next = new int[threads];
    for (String line : lines()) {
      String[] parts = line.split(" ");
      int thread = Integer.parseInt(parts[0].substring(1));
      assertThat(Integer.parseInt(parts[1])).as("thread %d's next line", thread)
          .isEqualTo(next[thread]++);
    }
    assertThat(next).containsOnly(perThread);
  }

  @Test
  void aLineIsWrittenWithinTheIntervalWithoutAnyFlush() throws Exception {
    appender.doAppend(event("soon"));
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (!lines().contains("soon") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(lines()).containsExactly("soon");
  }

  @Test
  void pastTheBoundTheLoggingThreadWritesWhatWaitsAndItsLineItself() {
    String big = "x".repeat(100_000);
    int n = BatchingStderrAppender.MAX_PENDING_BYTES / big.length() + 3;
    for (int i = 0; i < n; i++) {
      appender.doAppend(event(i + big));
    }
    appender.goDirect();

    List<String> lines = lines();
    assertThat(lines).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(lines.get(i)).startsWith(i + "x");
    }
  }

  @Test
  void afterTheExitHookEveryLineIsWrittenAtOnce() {
    appender.doAppend(event("before"));
    appender.goDirect();
    assertThat(lines()).containsExactly("before");

    appender.doAppend(event("after"));

    assertThat(lines()).containsExactly("before", "after");
  }

  private LoggingEvent event(String message) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(context);
    e.setLoggerName("test");
    e.setLevel(Level.INFO);
    e.setMessage(message);
    e.setThreadName(Thread.currentThread().getName());
    e.setTimeStamp(System.currentTimeMillis());
    return e;
  }

  private List<String> lines() {
    synchronized (captured) {
      String all = captured.toString(StandardCharsets.UTF_8);
      return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
    }
  }
}
