package dev.tollgate.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: a header, then per row a field
 * count and each field as its length and bytes (-1 for null), then a trailer. The server reads
 * them without parsing text: numbers are big-endian integers, text is UTF-8 (the driver's client
 * encoding), a {@code timestamptz} is microseconds since 2000-01-01 UTC.
 *
 * <p>Instants are stored as {@link PgInstantTypeHandler} stores them: truncated to the
 * microsecond, and {@code -infinity}/{@code infinity} (the server's smallest and largest 64-bit
 * values) at and beyond its bounds.
 */
final class BinaryCopy {

  /** "PGCOPY\n\377\r\n\0", then no flags and no header extension. */
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };
  /** The type of a {@code text[]}'s elements ({@code pg_type.oid} of {@code text}). */
  private static final int TEXT_OID = 25;
  /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  /** Upper bound on one batch's bytes: a bound on memory, far above any ledger batch. */
  static final int MAX_BYTES = 256 << 20;

  private byte[] buf;
  private int size;
  private boolean finished;

  BinaryCopy(int expectedBytes) {
    buf = new byte[Math.max(64, Math.min(expectedBytes, MAX_BYTES))];
    put(HEADER, 0, HEADER.length);
  }

  /** Starts a row of {@code fields} fields; each is then written by one of the methods below. */
  BinaryCopy row(int fields) {
    ensureOpen();
    return int2(fields);
  }

  BinaryCopy text(String value) {
    if (value == null) {
      return nul();
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int4(bytes.length);
    put(bytes, 0, bytes.length);
    return this;
  }

  /**
   * A one-dimensional {@code text[]} (an empty one for no elements), as PostgreSQL's
   * {@code array_send} writes it: dimensions, a no-nulls flag, the element type, the dimension's
   * length and lower bound 1, then each element as a field. Elements are not null.
   */
  BinaryCopy textArray(String[] elements) {
    byte[][] encoded = new byte[elements.length][];
    int length = elements.length == 0 ? 12 : 20;
    for (int i = 0; i < elements.length; i++) {
      encoded[i] = elements[i].getBytes(StandardCharsets.UTF_8);
      length += 4 + encoded[i].length;
    }
    int4(length);
    int4(elements.length == 0 ? 0 : 1).int4(0).int4(TEXT_OID);
    if (elements.length > 0) {
      int4(elements.length).int4(1);
    }
    for (byte[] element : encoded) {
      int4(element.length);
      put(element, 0, element.length);
    }
    return this;
  }

  BinaryCopy int4Field(int value) {
    int4(4);
    return int4(value);
  }

  BinaryCopy int8Field(long value) {
    int4(8);
    return int8(value);
  }

  BinaryCopy bool(boolean value) {
    int4(1);
    ensure(1);
    buf[size++] = (byte) (value ? 1 : 0);
    return this;
  }

  BinaryCopy timestamptz(Instant value) {
    if (value == null) {
      return nul();
    }
    return int8Field(micros(value));
  }

  BinaryCopy nul() {
    return int4(-1);
  }

  /** Ends the data with the trailer; the rows are then {@code bytes()[0, size())}. */
  BinaryCopy finish() {
    ensureOpen();
    int2(-1);
    finished = true;
    return this;
  }

  byte[] bytes() {
    return buf;
  }

  int size() {
    return size;
  }

  /** What the server stores for {@code instant}, as microseconds since its epoch. */
  static long micros(Instant instant) {
    Instant stored = PgInstantTypeHandler.storable(instant);
    if (stored.equals(Instant.MIN)) {
      return Long.MIN_VALUE; // -infinity
    }
    if (stored.equals(Instant.MAX)) {
      return Long.MAX_VALUE; // infinity
    }
    long seconds = Math.subtractExact(stored.getEpochSecond(), PG_EPOCH_SECONDS);
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), stored.getNano() / 1_000);
  }

  private BinaryCopy int2(int value) {
    ensure(2);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  private BinaryCopy int4(int value) {
    ensure(4);
    buf[size++] = (byte) (value >>> 24);
    buf[size++] = (byte) (value >>> 16);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  private BinaryCopy int8(long value) {
    int4((int) (value >>> 32));
    return int4((int) value);
  }

  private void put(byte[] bytes, int from, int length) {
    ensure(length);
    System.arraycopy(bytes, from, buf, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (size + more <= buf.length) {
      return;
    }
    if ((long) size + more > MAX_BYTES) {
      throw new IllegalArgumentException("a COPY batch over " + MAX_BYTES + " bytes");
    }
    buf = Arrays.copyOf(buf, (int) Math.min(MAX_BYTES, Math.max(size + more, 2L * buf.length)));
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("the COPY data is finished");
    }
  }
}
