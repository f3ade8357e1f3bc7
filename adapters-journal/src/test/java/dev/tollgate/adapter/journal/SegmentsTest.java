package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segments' files as a killed process leaves them: a copy of the directory taken while the
 * segments are open is what the page cache holds, which is what a process killed at that moment
 * leaves behind.
 */
class SegmentsTest {

  private static final int SEGMENT_BYTES = 4096;

  @TempDir Path dir;

  private Segments open(Path at) throws IOException {
    Segments segments = new Segments(at, SEGMENT_BYTES);
    segments.openTail(segments.scan(Position.START, (b, p) -> { }));
    return segments;
  }

  @Test
  void a_copy_taken_while_open_recovers_every_record_in_order() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 20; round++) {
      Path live = dir.resolve("live-" + round);
      List<byte[]> written = new ArrayList<>();
      Position last = Position.START;
      try (Segments segments = open(live)) {
        int records = random.nextInt(60);
        for (int i = 0; i < records; i++) {
          byte[] payload = payload(random, random.nextInt(10) == 0 ? 6000 : 400);
          last = segments.append(payload);
          written.add(payload);
        }
        Path copy = copyOf(live, dir.resolve("killed-" + round));
        List<byte[]> recovered = new ArrayList<>();
        Position end = new Segments(copy, SEGMENT_BYTES).scan(Position.START, (b, p) -> recovered.add(b));
        assertThat(recovered).as("round %d", round).containsExactlyElementsOf(written);
        assertThat(end).isEqualTo(last);
        assertOnlyTheNewestEndsInZeros(copy, end);
      }
    }
  }

  @Test
  void a_record_killed_before_its_header_is_cut_off_and_appending_resumes_over_it()
      throws IOException {
    Path live = dir.resolve("live");
    List<byte[]> written = new ArrayList<>();
    Random random = new Random(3);
    Position end;
    try (Segments segments = open(live)) {
      for (int i = 0; i < 5; i++) {
        byte[] payload = payload(random, 300);
        end = segments.append(payload);
        written.add(payload);
      }
      Path copy = copyOf(live, dir.resolve("killed"));
      end = new Segments(copy, SEGMENT_BYTES).scan(Position.START, (b, p) -> { });
      // what a kill between the payload's copy and the header's leaves: a payload, no header
      try (FileChannel ch = FileChannel.open(segmentFile(copy, end.segment()), StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(payload(random, 200)), end.offset() + Segments.HEADER_BYTES);
      }
      try (Segments reopened = new Segments(copy, SEGMENT_BYTES)) {
        List<byte[]> recovered = new ArrayList<>();
        Position after = reopened.scan(Position.START, (b, p) -> recovered.add(b));
        assertThat(recovered).containsExactlyElementsOf(written);
        reopened.openTail(after);
        byte[] next = payload(random, 100);
        reopened.append(next);
        written.add(next);
      }
      List<byte[]> again = new ArrayList<>();
      new Segments(copy, SEGMENT_BYTES).scan(Position.START, (b, p) -> again.add(b));
      assertThat(again).containsExactlyElementsOf(written);
    }
  }

  @Test
  void a_closed_journal_leaves_every_segment_as_long_as_its_records() throws IOException {
    Position end;
    try (Segments segments = open(dir)) {
      Random random = new Random(5);
      end = Position.START;
      for (int i = 0; i < 40; i++) {
        end = segments.append(payload(random, 500));
      }
    }
    assertThat(Files.size(segmentFile(dir, end.segment()))).isEqualTo(end.offset());
    assertOnlyTheNewestEndsInZeros(dir, end);
  }

  @Test
  void segments_before_each_checkpoint_are_deleted_as_the_checkpoint_moves() throws IOException {
    List<Position> ends = new ArrayList<>();
    try (Segments segments = open(dir)) {
      Random random = new Random(7);
      for (int i = 0; i < 100; i++) {
        ends.add(segments.append(payload(random, 800)));
      }
      long newest = ends.getLast().segment();
      assertThat(newest).as("the records span segments").isGreaterThan(3);
      for (Position checkpoint : List.of(ends.get(5), ends.get(6), ends.get(50), ends.get(50), ends.getLast())) {
        segments.deleteBefore(checkpoint);
        assertThat(segmentNumbers(dir)).first().isEqualTo(checkpoint.segment());
        assertThat(segmentNumbers(dir)).last().isEqualTo(newest);
      }
    }
  }

  @Test
  void a_roll_leaves_the_filled_segment_open_for_whoever_forces_it_and_a_close_forces_the_rest()
      throws IOException {
    Random random = new Random(13);
    Segments segments = open(dir); // closed below, as part of what is tested
    Position end = Position.START;
    while (end.segment() < 3) {
      end = segments.append(payload(random, 700));
    }
    List<FileChannel> rolled = segments.takeRolled();
    assertThat(rolled).as("the three filled segments, not closed by the appends that rolled")
        .hasSize(3).allMatch(FileChannel::isOpen);
    assertThat(segments.takeRolled()).isEmpty();
    for (int s = 0; s < 3; s++) {
      assertThat(rolled.get(s).size()).isEqualTo(Files.size(segmentFile(dir, s)));
    }
    Segments.forceAndClose(rolled.subList(0, 1));
    assertThat(rolled.get(0).isOpen()).isFalse();
    segments.giveBack(rolled); // a sync that failed after its first: the rest wait for the next
    assertThat(segments.takeRolled()).containsExactlyElementsOf(rolled.subList(1, 3));
    segments.giveBack(rolled);
    segments.close();
    assertThat(rolled).noneMatch(FileChannel::isOpen);
    assertThat(segments.tail().isOpen()).isFalse();
  }

  private static List<Long> segmentNumbers(Path at) throws IOException {
    try (Stream<Path> list = Files.list(at)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segment-"))
          .map(n -> Long.parseLong(n.substring(8, 24))).sorted().toList();
    }
  }

  /**
   * Every segment but the newest is exactly as long as its records (recovery stops at the first
   * that is not); the newest holds nothing after them but zeros, if anything.
   */
  private static void assertOnlyTheNewestEndsInZeros(Path at, Position end) throws IOException {
    Map<Long, Long> ends = new HashMap<>();
    new Segments(at, SEGMENT_BYTES).scan(Position.START, (b, p) -> ends.merge(p.segment(), p.offset(), Math::max));
    List<Path> files;
    try (Stream<Path> list = Files.list(at)) {
      files = list.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
    for (Path file : files.subList(0, files.size() - 1)) {
      long segment = Long.parseLong(file.getFileName().toString().substring(8, 24));
      assertThat(Files.size(file)).as(file.toString()).isEqualTo(ends.getOrDefault(segment, 0L));
    }
    assertThat(files.getLast()).isEqualTo(segmentFile(at, end.segment()));
    byte[] newest = Files.readAllBytes(files.getLast());
    for (int i = (int) end.offset(); i < newest.length; i++) {
      assertThat(newest[i]).as("byte %d of the newest segment", i).isZero();
    }
  }

  private static byte[] payload(Random random, int maxBytes) {
    byte[] bytes = new byte[1 + random.nextInt(maxBytes)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Path copyOf(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path file : list.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  private static Path segmentFile(Path at, long segment) {
    return at.resolve(String.format("segment-%016d.log", segment));
  }
}
