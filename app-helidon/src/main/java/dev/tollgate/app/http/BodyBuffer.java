package dev.tollgate.app.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the request bytes buffered at once across all {@code /v1} requests: each request reserves
 * its declared length (or the body limit when the length is not declared) before it reads, and
 * gives it back when its body has been parsed and counted. When the room is taken, a request waits
 * at most {@code wait} and is then refused with 503, so many large bodies at once cost a bounded
 * amount of memory and CPU instead of all of it.
 */
public final class BodyBuffer {

  /** Room reserved for one body; closing gives it back. */
  public static final class Reservation implements AutoCloseable {
    private final Semaphore room;
    private int bytes;

    private Reservation(Semaphore room, int bytes) {
      this.room = room;
      this.bytes = bytes;
    }

    @Override
    public void close() {
      int held = bytes;
      bytes = 0;
      room.release(held);
    }
  }

  private final Semaphore room;
  private final int capacity;
  private final Duration wait;

  public BodyBuffer(long capacityBytes, Duration wait) {
    if (capacityBytes < 1 || capacityBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("body buffer capacity must be 1.." + Integer.MAX_VALUE);
    }
    this.capacity = (int) capacityBytes;
    this.room = new Semaphore(capacity, true);
    this.wait = wait;
  }

  /** Room for a body of up to {@code bytes}, or empty when none came free within the wait. */
  public Optional<Reservation> reserve(long bytes) {
    int wanted = Math.clamp(bytes, 1, capacity);
    try {
      if (room.tryAcquire(wanted, wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return Optional.of(new Reservation(room, wanted));
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public static ApiError busy() {
    return new ApiError(503, "server_error", "server_busy",
        "Tollgate is reading too many request bodies at once; retry shortly.", null,
        Optional.of(Duration.ofSeconds(1)));
  }
}
