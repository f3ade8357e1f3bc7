package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * What a SIGKILLed Tollgate leaves in the embedded data directory: its shutdown hook never ran, so
 * the postmaster it started lives on as an orphan (holding postmaster.pid, and refusing a second
 * postmaster on the same data), or, after a reboot, a postmaster.pid naming a pid that another
 * process now has. Cleared before the embedded PostgreSQL starts, and only when no live process
 * owns the directory (zonky's {@code epg-lock} is free).
 */
final class StalePostmaster {

  private static final Logger LOG = Logger.getLogger(StalePostmaster.class.getName());
  static final String PID_FILE = "postmaster.pid";
  private static final String ZONKY_LOCK = "epg-lock";

  private StalePostmaster() {}

  /** Stops an orphaned postmaster of {@code dataDirectory}, or removes a stale pid file. */
  static void clear(Path dataDirectory, Duration stopWait) {
    Path pidFile = dataDirectory.resolve(PID_FILE);
    Optional<List<String>> lines = read(pidFile);
    if (lines.isEmpty() || lines.get().isEmpty() || ownedByALiveProcess(dataDirectory)) {
      return; // nothing left behind, or a running Tollgate owns it (zonky then says so)
    }
    long pid = parsePid(lines.get().get(0));
    Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (process.isEmpty() || !process.get().isAlive()) {
      return; // PostgreSQL removes a pid file whose process is gone by itself
    }
    if (isPostmasterOf(process.get(), dataDirectory, lines.get())) {
      stop(process.get(), stopWait);
    } else {
      LOG.warning(() -> "removing " + pidFile + ": its pid " + pid + " is another process now");
      delete(pidFile);
    }
  }

  /** Whether another live process (a running Tollgate) holds zonky's lock on the directory. */
  static boolean ownedByALiveProcess(Path dataDirectory) {
    Path lock = dataDirectory.resolve(ZONKY_LOCK);
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very JVM runs it
    } catch (IOException e) {
      return true; // cannot tell: leave everything as it is
    }
  }

  /** A {@code postgres} process started with {@code -D} on this data directory. */
  static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory, List<String> pidLines) {
    ProcessHandle.Info info = process.info();
    boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString())
        .map("postgres"::equals).orElse(false);
    if (!postgres) {
      return false;
    }
    String[] args = info.arguments().orElse(new String[0]);
    Path ours = dataDirectory.toAbsolutePath().normalize();
    String recorded = pidLines.size() > 1 ? pidLines.get(1).trim() : "";
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-D") && (args[i + 1].equals(recorded)
          || Path.of(args[i + 1]).toAbsolutePath().normalize().equals(ours))) {
        return true;
      }
    }
    return false;
  }

  /**
   * SIGTERM, PostgreSQL's smart shutdown: its clients died with the old Tollgate, so it checkpoints
   * and exits promptly. Never SIGKILL: that would leave shared memory and a crash to recover.
   */
  private static void stop(ProcessHandle postmaster, Duration wait) {
    LOG.warning(() -> "stopping PostgreSQL " + postmaster.pid() + ", left running by a Tollgate"
        + " that did not shut down");
    postmaster.destroy();
    try {
      postmaster.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new StoreUnavailableException("PostgreSQL " + postmaster.pid() + ", left running on"
          + " this data directory, did not stop within " + wait.toSeconds() + " s; stop it and"
          + " start again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while stopping PostgreSQL " + postmaster.pid());
    }
  }

  private static long parsePid(String line) {
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<List<String>> read(Path pidFile) {
    try {
      return Files.exists(pidFile) ? Optional.of(Files.readAllLines(pidFile)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable: PostgreSQL will say what is wrong with it
    }
  }

  private static void delete(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot remove the stale " + pidFile, e);
    }
  }
}
