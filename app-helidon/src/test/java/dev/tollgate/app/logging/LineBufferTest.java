package dev.tollgate.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineBufferTest {

  /** Records each write whole, as the kernel keeps a write to a file or a small pipe write. */
  private static class Writes extends OutputStream {
    final List<String> chunks = new ArrayList<>();
    final CountDownLatch first = new CountDownLatch(1);

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      chunks.add(new String(b, off, len, StandardCharsets.UTF_8));
      first.countDown();
    }

    @Override
    public void write(int b) {
      throw new UnsupportedOperationException("one byte at a time");
    }

    synchronized String all() {
      return String.join("", chunks);
    }
  }

  private static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesFromManyThreadsAreWrittenWholeInTheirOrderAndInChunks() throws Exception {
    Writes out = new Writes();
    int threads = 8;
    int perThread = 5_000;
    try (LineBuffer buffer = new LineBuffer(out, Duration.ofMillis(50))) {
      List<Thread> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        running.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < perThread; i++) {
            buffer.add(line("thread=" + id + " line=" + i + " " + "x".repeat(i % 300)));
          }
        }));
      }
      for (Thread t : running) {
        t.join();
      }
    }

    for (String chunk : out.chunks) {
      assertThat(chunk).as("a write holds whole lines").endsWith("\n");
      assertThat(chunk.length()).as("a write of short lines fits a pipe's atomic write")
          .isLessThanOrEqualTo(LineBuffer.ATOMIC_BYTES);
    }
    String[] lines = out.all().split("\n");
    assertThat(lines).hasSize(threads * perThread);
    Map<Integer, Integer> next = new HashMap<>();
    for (String l : lines) {
      String[] parts = l.split(" ");
      int thread = Integer.parseInt(parts[0].substring("thread=".length()));
      int i = Integer.parseInt(parts[1].substring("line=".length()));
      assertThat(i).as("thread %d's next line", thread).isEqualTo(next.getOrDefault(thread, 0));
      assertThat(l).isEqualTo("thread=" + thread + " line=" + i + " " + "x".repeat(i % 300));
      next.put(thread, i + 1);
    }
    assertThat(out.chunks.size()).as("writes for %d lines", lines.length)
        .isLessThan(lines.length / 5);
  }

  @Test
  void aLoneLineIsWrittenWithoutAStopOrMoreLines() throws Exception {
    Writes out = new Writes();
    try (LineBuffer buffer = new LineBuffer(out, Duration.ofMillis(20))) {
      buffer.add(line("only"));

      assertThat(out.first.await(10, TimeUnit.SECONDS)).as("written by the flusher").isTrue();
      assertThat(out.all()).isEqualTo("only\n");

      buffer.add(line("then another, after the flusher slept"));
      awaitChunks(out, 2);
      assertThat(out.all()).isEqualTo("only\nthen another, after the flusher slept\n");
    }
  }

  @Test
  void aStopWritesWhatWaitsAndLaterLinesAreWrittenAtOnce() {
    Writes out = new Writes();
    LineBuffer buffer = new LineBuffer(out, Duration.ofHours(1));
    buffer.add(line("a"));
    buffer.add(line("b"));
    assertThat(out.chunks).isEmpty();

    buffer.close();
    assertThat(out.chunks).containsExactly("a\nb\n");

    buffer.add(line("c"));
    assertThat(out.chunks).containsExactly("a\nb\n", "c\n");
  }

  @Test
  void aLineLongerThanAChunkIsWrittenWholeOnItsOwn() {
    Writes out = new Writes();
    String big = "y".repeat(5 * LineBuffer.FLUSH_BYTES);
    try (LineBuffer buffer = new LineBuffer(out, Duration.ofHours(1))) {
      buffer.add(line("small"));
      buffer.add(line(big));
      buffer.add(line("after"));
    }
    assertThat(out.chunks).containsExactly("small\n", big + "\n", "after\n");
  }

  @Test
  void aLongLineAddedWhileAnotherChunkIsBeingWrittenIsStillWritten() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Writes out = new Writes() {
      @Override
      public void write(byte[] b, int off, int len) {
        super.write(b, off, len);
        if (chunks.size() == 1) {
          writing.countDown();
          try {
            release.await(); // the first chunk's write stalls (a slow pipe)
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    String big = "z".repeat(2 * LineBuffer.FLUSH_BYTES);
    try (LineBuffer buffer = new LineBuffer(out, Duration.ofMillis(20))) {
      Thread first = Thread.ofVirtual().start(() -> buffer.add(line(big)));
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      buffer.add(line(big)); // fills a chunk, but the first write holds the writing lock
      release.countDown();
      first.join();

      awaitChunks(out, 2); // without a stop: the flusher, woken by the line, writes it
      assertThat(out.all()).isEqualTo(big + "\n" + big + "\n");
    }
  }

  private static void awaitChunks(Writes out, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      synchronized (out) {
        if (out.chunks.size() >= n) {
          return;
        }
      }
      Thread.sleep(5);
    }
  }
}
