package dev.tollgate.adapter.journal;

import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who owns a journal directory: one replica (its id kept in the directory's {@code replica} file,
 * reused by every run on the same directory) and, of it, one running process at a time (an
 * exclusive lock on {@code replica.lock}, which the kernel drops when the process dies, even by
 * SIGKILL). Each run is named {@code <replica>-<n>}, n counting up; the file remembers the last
 * {@link #REMEMBERED_RUNS} runs, so a restart knows whose lease holds it may give back: runs of
 * this directory that no longer run, because this one holds the lock.
 *
 * <p>A second process on the same directory fails to start instead of sharing a journal (and
 * giving back holds the first still relies on).
 */
public final class ReplicaRuns implements AutoCloseable {

  /** Runs remembered; an older one's lease holds have lapsed by the time this many restarts ran. */
  static final int REMEMBERED_RUNS = 8;

  private static final String FILE = "replica";
  private static final String LOCK = "replica.lock";

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String run;
  private final List<String> predecessors;

  private ReplicaRuns(FileChannel lockChannel, FileLock lock, String run, List<String> predecessors) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.run = run;
    this.predecessors = List.copyOf(predecessors);
  }

  /**
   * Takes {@code directory} for this process and names its run; a new replica id is drawn from
   * {@code random} when the directory has none. Fails if another process holds the directory.
   */
  public static ReplicaRuns claim(Path directory, RandomGenerator random) {
    FileChannel channel = null;
    try {
      Files.createDirectories(directory);
      channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        throw new IllegalStateException("the journal directory " + directory
            + " is in use by another Tollgate process; give each replica its own");
      }
      Path file = directory.resolve(FILE);
      List<String> lines = Files.exists(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
              .filter(l -> !l.isEmpty()).toList()
          : List.of();
      String replica = lines.isEmpty() || !valid(lines.get(0)) ? newId(random) : lines.get(0);
      List<Long> runs = new ArrayList<>();
      for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
        if (l.chars().allMatch(Character::isDigit) && l.length() < 18) {
          runs.add(Long.parseLong(l));
        }
      }
      long next = runs.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
      List<String> predecessors = runs.stream().map(n -> replica + "-" + n).toList();
      runs.add(next);
      write(file, replica, runs.subList(Math.max(0, runs.size() - REMEMBERED_RUNS), runs.size()));
      return new ReplicaRuns(channel, lock, replica + "-" + next, predecessors);
    } catch (IOException e) {
      close(channel);
      throw new StoreUnavailableException("cannot claim the journal directory " + directory, e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  /** This run's name: what its lease holds and mirrored slots are named for. */
  public String run() {
    return run;
  }

  /** The earlier runs on this directory (none of them running), oldest first. */
  public List<String> predecessors() {
    return predecessors;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel, or with the process
    }
    close(lockChannel);
  }

  private static void write(Path file, String replica, List<Long> runs) throws IOException {
    StringBuilder text = new StringBuilder(replica).append('\n');
    runs.forEach(n -> text.append(n).append('\n'));
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      out.force(true); // a crash right after never leaves a run number to be used twice
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean valid(String id) {
    return id.length() >= 2 && id.length() <= 40
        && id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128);
  }

  private static String newId(RandomGenerator random) {
    return "r" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held on it that the process's end does not free
      }
    }
  }
}
