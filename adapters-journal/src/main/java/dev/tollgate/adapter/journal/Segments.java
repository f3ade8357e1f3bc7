package dev.tollgate.adapter.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

/**
 * The journal's files: numbered segments of framed records ({@code 'T'}, length, CRC32, payload)
 * and a checkpoint naming the first position not yet in the ledger. A record cut short by a crash,
 * or one whose checksum fails, ends a segment's valid part and is cut off on recovery.
 * Not thread-safe: the journal serializes access.
 */
final class Segments implements AutoCloseable {

  static final int HEADER_BYTES = 9;
  static final int MAX_RECORD_BYTES = 1 << 20;
  /** What recovery reads at once: a whole record of the largest size always fits. */
  private static final int SCAN_CHUNK_BYTES = 2 * (HEADER_BYTES + MAX_RECORD_BYTES);
  private static final byte MAGIC = 'T';

  private final Path dir;
  private final long maxSegmentBytes;
  private FileChannel tail;
  /**
   * Segments rolled past, still open and not yet forced: the fsync thread forces and closes them
   * ({@link #takeRolled}), as it forces the tail. A roll runs on the request that fills a segment,
   * under the journal's lock, and an fsync there was every request's wait: one of 962 ms stalled
   * all 32 connections of a load run (docs/benchmarks.md, "Issue 14, twenty-eighth session").
   * Closing it there would wait too, for an fsync the fsync thread has in flight on it.
   */
  private final List<FileChannel> rolled = new ArrayList<>();
  private long tailSegment;
  private long tailOffset;
  /** Every segment before this one is deleted (-1: not known yet); the finishing thread's alone. */
  private long deletedBefore = -1;

  Segments(Path dir, long maxSegmentBytes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.maxSegmentBytes = maxSegmentBytes;
  }

  /** Opens the newest segment for appending at {@code end} (cutting off anything after it). */
  void openTail(Position end) throws IOException {
    tailSegment = end.segment();
    tail = FileChannel.open(segmentPath(tailSegment),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    tail.truncate(end.offset());
    tail.position(end.offset());
    tailOffset = end.offset();
  }

  /** Writes one record (to the page cache: a process crash no longer loses it); answers its end. */
  Position append(byte[] payload) throws IOException {
    if (payload.length > MAX_RECORD_BYTES) {
      throw new IOException("journal record too large: " + payload.length);
    }
    if (tailOffset + HEADER_BYTES + payload.length > maxSegmentBytes && tailOffset > 0) {
      roll();
    }
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    buf.put(MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    while (buf.hasRemaining()) {
      tail.write(buf);
    }
    tailOffset += HEADER_BYTES + payload.length;
    return new Position(tailSegment, tailOffset);
  }

  /** The segment being appended to (a roll replaces it; the old one goes to {@link #takeRolled}). */
  FileChannel tail() {
    return tail;
  }

  /**
   * The segments rolled past since the last call, open and maybe not forced: the caller forces
   * and closes each (the fsync thread, outside the journal's lock), or hands them back with
   * {@link #giveBack} if it cannot.
   */
  List<FileChannel> takeRolled() {
    if (rolled.isEmpty()) {
      return List.of();
    }
    List<FileChannel> taken = List.copyOf(rolled);
    rolled.clear();
    return taken;
  }

  /** Rolled segments a failed sync did not close: the next sync, or {@link #close}, forces them. */
  void giveBack(List<FileChannel> channels) {
    for (FileChannel ch : channels) {
      if (ch.isOpen()) {
        rolled.add(ch);
      }
    }
  }

  /**
   * Reads every valid record from {@code from} on, in order, handing each with its end position
   * to {@code sink}; answers the end of the valid data (where appending resumes).
   */
  Position scan(Position from, BiConsumer<byte[], Position> sink) throws IOException {
    Position end = from;
    for (long segment : segmentNumbers()) {
      if (segment < from.segment()) {
        continue;
      }
      long start = segment == from.segment() ? from.offset() : 0;
      Position segmentEnd = scanSegment(segment, start, sink);
      end = segmentEnd;
      if (segmentEnd.offset() < Files.size(segmentPath(segment))) {
        break; // a torn record: nothing after it counts
      }
    }
    return end;
  }

  /**
   * Reads the segment in chunks of {@link #SCAN_CHUNK_BYTES}, not two reads per record: a backlog's
   * recovery runs before the first batch is forwarded, and {@code LedgerIngest}'s profile had a
   * fifth of it in the per-record reads and header buffers.
   */
  private Position scanSegment(long segment, long start, BiConsumer<byte[], Position> sink)
      throws IOException {
    try (FileChannel ch = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
      long offset = start;
      long size = ch.size();
      ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK_BYTES).limit(0);
      CRC32 check = new CRC32();
      while (offset + HEADER_BYTES <= size) {
        ensure(ch, chunk, offset, HEADER_BYTES);
        int length = chunk.get() == MAGIC ? chunk.getInt() : -1;
        int crc = chunk.getInt();
        if (length < 0 || length > MAX_RECORD_BYTES || offset + HEADER_BYTES + length > size) {
          break;
        }
        ensure(ch, chunk, offset + HEADER_BYTES, length);
        byte[] payload = new byte[length];
        chunk.get(payload);
        check.reset();
        check.update(payload);
        if ((int) check.getValue() != crc) {
          break;
        }
        offset += HEADER_BYTES + length;
        sink.accept(payload, new Position(segment, offset));
      }
      return new Position(segment, offset);
    }
  }

  /**
   * At least {@code bytes} of the segment from {@code offset} in {@code chunk}, whose next byte is
   * at {@code offset} (the caller checked the segment holds them).
   */
  private static void ensure(FileChannel ch, ByteBuffer chunk, long offset, int bytes)
      throws IOException {
    if (chunk.remaining() >= bytes) {
      return;
    }
    long at = offset + chunk.remaining();
    chunk.compact();
    while (chunk.position() < bytes) {
      int n = ch.read(chunk, at);
      if (n < 0) {
        throw new IOException("unexpected end of journal segment");
      }
      at += n;
    }
    chunk.flip();
  }

  /** Removes segments after {@code segment}: nothing after a torn record may count. */
  void deleteAfter(long segment) throws IOException {
    for (long s : segmentNumbers()) {
      if (s > segment) {
        Files.deleteIfExists(segmentPath(s));
      }
    }
  }

  /**
   * Removes segments wholly before {@code checkpoint}. The directory is listed only when the
   * checkpoint has moved to a segment past the last one this cleared: not at every forwarded
   * batch (a profile had the listing at 0.7 % of the service's samples).
   */
  void deleteBefore(Position checkpoint) throws IOException {
    if (checkpoint.segment() <= deletedBefore) {
      return;
    }
    for (long segment : segmentNumbers()) {
      if (segment < checkpoint.segment()) {
        Files.deleteIfExists(segmentPath(segment));
      }
    }
    deletedBefore = checkpoint.segment();
  }

  Position readCheckpoint() throws IOException {
    Path file = dir.resolve("checkpoint");
    if (!Files.exists(file)) {
      List<Long> segments = segmentNumbers();
      return segments.isEmpty() ? Position.START : new Position(segments.get(0), 0);
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
  }

  /** Writes the checkpoint durably: temp file, fsync, atomic rename. */
  void writeCheckpoint(Position p) throws IOException {
    Path temp = dir.resolve("checkpoint.tmp");
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap((p.segment() + " " + p.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    try {
      Files.move(temp, dir.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, dir.resolve("checkpoint"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Forces and closes every segment still open: the rolled ones, then the tail. */
  @Override
  public void close() throws IOException {
    List<FileChannel> open = takeRolled();
    try {
      forceAndClose(open);
    } finally {
      if (tail != null) {
        tail.force(false);
        tail.close();
      }
    }
  }

  /** Forces then closes each channel in order; a failure leaves it and those after it open. */
  static void forceAndClose(List<FileChannel> channels) throws IOException {
    for (FileChannel ch : channels) {
      ch.force(false);
      ch.close();
    }
  }

  /**
   * Starts the next segment. The one filled stays open, unforced, for the fsync thread
   * ({@link #rolled}): no fsync and no close on the request that rolls.
   */
  private void roll() throws IOException {
    FileChannel next = FileChannel.open(segmentPath(tailSegment + 1),
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
    rolled.add(tail);
    tail = next;
    tailSegment++;
    tailOffset = 0;
  }

  private List<Long> segmentNumbers() throws IOException {
    List<Long> numbers = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "segment-*.log")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        numbers.add(Long.parseLong(name.substring(8, name.length() - 4)));
      }
    }
    numbers.sort(null);
    return numbers;
  }

  private Path segmentPath(long segment) {
    return dir.resolve(String.format("segment-%016d.log", segment));
  }
}
