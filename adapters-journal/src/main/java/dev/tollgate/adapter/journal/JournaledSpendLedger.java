package dev.tollgate.adapter.journal;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SpendLedger} that writes every entry to a local journal first and forwards it to the
 * real ledger in bounded batches on a background thread. An append returns once the entry is
 * written (a process crash no longer loses it; group fsync bounds what a machine crash can lose),
 * so neither the request path nor a database outage waits on the database. Forwarding retries
 * with backoff until the ledger takes the entries; the ledger's idempotency by request id makes
 * replays after a crash harmless.
 *
 * <p>Duplicates are answered locally for entries not yet forwarded and for the last
 * {@code recentIds} forwarded ones (kept as hashes, {@link RecentEvents}: a different event under
 * one of those ids is looked up in the ledger); older duplicates are resolved by the ledger when
 * forwarded.
 * Reads wait (bounded) until everything appended before them is forwarded: read-your-writes.
 */
public final class JournaledSpendLedger implements SpendLedger, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(JournaledSpendLedger.class.getName());
  private static final Duration READ_WAIT = Duration.ofSeconds(5);

  /**
   * A written entry; {@code seq} numbers them in journal order (this run's count, from 0). With
   * its {@link RecentEvents} hashes, taken once at the append or the recovery: the append's
   * duplicate check uses them, and the recent set takes them once the entry is forwarded.
   */
  record Pending(SpendEntry entry, Position end, int bytes, long seq, long idHash, long print) {}

  /** Before every entry's {@code seq}: a forwarder with no batch in flight asks after this. */
  static final long NONE_IN_FLIGHT = -1;

  private static final long NOT_WAITING = Long.MIN_VALUE;

  /**
   * Guards everything below; every request's {@link #append} takes it. A {@code ReentrantLock},
   * not the object's monitor: a virtual thread blocked on a monitor is handed it through the JDK's
   * unblocker thread, one wake-up of that thread per hand-over, where one blocked on this lock is
   * unparked by the thread that releases it (docs/benchmarks.md, "Issue 14, fifteenth session").
   */
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled on every change a waiter may wait for (written, forwarded, closed, recovered). */
  private final Condition changed = lock.newCondition();
  private final SpendLedger ledger;
  private final JournalSettings settings;
  private final Segments segments;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Map<RequestId, SpendEntry> unforwarded = new LinkedHashMap<>();
  private final RecentEvents recent;
  private final Forwarder forwarder;
  private Position written;
  private Position forwarded;
  private long unforwardedBytes;
  private long nextSeq;
  /** Until recovery has queued the whole backlog: the forwarder takes full batches only. */
  private boolean recovering = true;
  private boolean dirty;
  private boolean closed;
  /**
   * While the forwarder waits in {@link #nextBatch} for a batch to fill: the number it counts
   * after; {@link #NOT_WAITING} otherwise. An append wakes it only when its batch is full, not
   * for every record: a wake-up per request made the forwarder contend for this lock with the
   * requests themselves (docs/benchmarks.md, "Issue 14, eighth session").
   */
  private long forwarderWaitsAfter = NOT_WAITING;
  /**
   * Readers waiting for what was written before them to be forwarded ({@link #awaitForwarded},
   * {@link #drain}): while there are any, the forwarder sends what is queued without waiting for
   * its batch to fill, so a read never waits out {@link JournalSettings#maxBatchDelay}.
   */
  private int readersWaiting;
  /**
   * While the fsync thread waits in {@link #awaitDirty} for a record to be written, and while the
   * forwarder waits in {@link #nextBatch} with nothing queued and no batch in flight: the first
   * append after an idle spell wakes them. Neither wakes on a timer while nothing happens.
   */
  private boolean syncerWaits;
  private boolean forwarderIdle;
  /** When the forwarder last made progress, or the queue last started filling (nanoTime). */
  private long progressNanos = System.nanoTime();
  private final Checkpoint checkpoint;

  private JournaledSpendLedger(SpendLedger ledger, JournalSettings settings) throws IOException {
    this.ledger = ledger;
    this.settings = settings;
    this.segments = new Segments(settings.directory(), settings.maxSegmentBytes());
    this.recent = new RecentEvents(settings.recentIds());
    this.forwarded = segments.readCheckpoint();
    this.checkpoint = new Checkpoint(segments, forwarded, settings.checkpointInterval());
    this.forwarder = new Forwarder(this, settings);
  }

  /**
   * Opens (or recovers) the journal in {@code settings.directory()} and starts forwarding. The
   * forwarder starts before recovery and forwards recovered records while the rest are still
   * read: recovery decodes the whole backlog, and {@code LedgerIngest}'s warm drain had it as the
   * last serial fifth of its time. Appends wait for {@code open} to return (the tail is opened
   * after recovery), so they still come after every recovered record.
   */
  public static JournaledSpendLedger open(SpendLedger ledger, JournalSettings settings) {
    JournaledSpendLedger journal = null;
    try {
      journal = new JournaledSpendLedger(ledger, settings);
      journal.forwarder.start();
      journal.recover();
      return journal;
    } catch (IOException e) {
      closeAfterFailedOpen(journal);
      throw new StoreUnavailableException("cannot open the spend journal in " + settings.directory(), e);
    } catch (RuntimeException e) {
      closeAfterFailedOpen(journal);
      throw e;
    }
  }

  /** Stops the forwarder a failed recovery started; what it forwarded is checkpointed. */
  private static void closeAfterFailedOpen(JournaledSpendLedger journal) {
    if (journal != null) {
      journal.close();
    }
  }

  /** Records queued for the forwarder at once during recovery: a wake-up per group, not per record. */
  private static final int RECOVERY_GROUP = 256;

  private void recover() throws IOException {
    List<Pending> group = new ArrayList<>(RECOVERY_GROUP);
    Position from = locked(() -> forwarded);
    Position end = segments.scan(from, (bytes, at) -> {
      try {
        SpendEntry entry = EntryCodec.decode(bytes);
        group.add(new Pending(entry, at, Segments.HEADER_BYTES + bytes.length, group.size(),
            RecentEvents.idHash(entry.requestId()), RecentEvents.eventPrint(entry)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (group.size() == RECOVERY_GROUP) {
        queueRecovered(group);
      }
    });
    queueRecovered(group);
    segments.deleteAfter(end.segment());
    segments.openTail(end);
    lock.lock();
    try {
      written = end;
      recovering = false;
      changed.signalAll();
      if (nextSeq > 0) { // no append can have come yet: every record numbered was recovered
        LOG.info("spend journal: " + nextSeq + " entries recovered to replay into the ledger");
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues recovered records (numbered here, in order) and wakes the forwarder. */
  private void queueRecovered(List<Pending> group) {
    lock.lock();
    try {
      for (Pending p : group) {
        queue.add(new Pending(p.entry(), p.end(), p.bytes(), nextSeq++, p.idHash(), p.print()));
        unforwarded.put(p.entry().requestId(), p.entry());
        unforwardedBytes += p.bytes();
      }
      group.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Encodes outside the lock every request's append takes (the record depends on the entry
   * alone), then checks, writes and queues under it.
   */
  @Override
  public AppendResult append(SpendEntry entry) {
    byte[] record = EntryCodec.encode(entry);
    long id = RecentEvents.idHash(entry.requestId());
    long print = RecentEvents.eventPrint(entry);
    lock.lock();
    try {
      SpendEntry pending = unforwarded.get(entry.requestId());
      if (pending != null) {
        return AppendResult.against(pending, entry);
      }
      switch (recent.match(id, print)) {
        case SAME -> {
          return AppendResult.EXISTS;
        }
        case NONE -> {
          return appendEncoded(entry, record, id, print);
        }
        case DIFFERENT -> { } // below, outside the lock
      }
    } finally {
      lock.unlock();
    }
    // Forwarded already with another print: the ledger has what was recorded (a read, but only
    // for a different event under a forwarded id, never in steady state).
    Optional<SpendEntry> recorded = ledger.find(entry.requestId());
    if (recorded.isPresent()) {
      return AppendResult.against(recorded.get(), entry);
    }
    lock.lock(); // the ledger no longer has it (a folding ledger): it decides when forwarded
    try {
      SpendEntry pending = unforwarded.get(entry.requestId());
      return pending != null ? AppendResult.against(pending, entry) : appendEncoded(entry, record, id, print);
    } finally {
      lock.unlock();
    }
  }

  private AppendResult appendEncoded(SpendEntry entry, byte[] record, long id, long print) {
    if (closed) {
      throw new StoreUnavailableException("the spend journal is closed");
    }
    int size = Segments.HEADER_BYTES + record.length;
    if (unforwardedBytes + size > settings.maxJournalBytes()) {
      throw new StoreUnavailableException("the spend journal is full; the ledger is not taking entries");
    }
    try {
      written = segments.append(record);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write the spend journal", e);
    }
    dirty = true;
    unforwardedBytes += size;
    if (queue.isEmpty()) {
      progressNanos = System.nanoTime(); // an idle forwarder is not a stuck one
    }
    queue.add(new Pending(entry, written, size, nextSeq++, id, print));
    unforwarded.put(entry.requestId(), entry);
    if (syncerWaits || forwarderIdle || (forwarderWaitsAfter != NOT_WAITING
        && queuedAfter(forwarderWaitsAfter) >= settings.maxBatch())) {
      changed.signalAll(); // the first record after an idle spell, or the forwarder's batch is full
    }
    return AppendResult.APPENDED;
  }

  @Override
  public Optional<SpendEntry> find(RequestId request) {
    SpendEntry pending = locked(() -> unforwarded.get(request));
    return pending != null ? Optional.of(pending) : ledger.find(request);
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    awaitForwarded();
    return ledger.total(query);
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    awaitForwarded();
    return ledger.entries(query, offset, limit);
  }

  @Override
  public List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
    awaitForwarded();
    return ledger.breakdown(query, grouping); // the store's own GROUP BY, not the paging default
  }

  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
    awaitForwarded();
    return ledger.series(query, grouping, top);
  }

  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top, int rows) {
    awaitForwarded();
    return ledger.series(query, grouping, top, rows);
  }

  /**
   * The entries written but not yet in the ledger, oldest first: after a restart, what a crashed
   * run answered and the journal is replaying (the budget leases count them until posted).
   */
  public List<SpendEntry> unforwarded() {
    return locked(() -> List.copyOf(unforwarded.values()));
  }

  /** Entries written but not yet in the ledger: zero in steady state, growing in an outage. */
  public int unforwardedCount() {
    return locked(unforwarded::size);
  }

  /**
   * Waits, at most {@code bound}, until everything written so far is in the ledger: a graceful
   * stop does this before giving budget leases back, so no lease covers an unposted cost. True
   * when it is; false when the ledger did not take it in time (the journal keeps it for the next
   * start).
   */
  public boolean drain(Duration bound) {
    lock.lock();
    try {
      Position target = written;
      if (forwarded.compareTo(target) >= 0) {
        return true;
      }
      long deadline = System.nanoTime() + bound.toNanos();
      readerWaits();
      try {
        while (forwarded.compareTo(target) < 0 && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            changed.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        return forwarded.compareTo(target) >= 0;
      } finally {
        readersWaiting--;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * How long records have waited with no batch forwarded, once that exceeds
   * {@link JournalSettings#stallAfter}: the ledger is silent (a hung connection, a database that
   * stopped answering). Empty while the forwarder keeps up. It clears by itself with the next
   * batch forwarded.
   */
  public Optional<Duration> stalledFor() {
    return locked(() -> {
      if (queue.isEmpty()) {
        return Optional.empty();
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - progressNanos);
      return waited.compareTo(settings.stallAfter()) > 0 ? Optional.of(waited) : Optional.empty();
    });
  }

  /** Waits until what was written before this call is in the ledger; throws if that takes too long. */
  private void awaitForwarded() {
    if (!drain(READ_WAIT)) {
      throw new StoreUnavailableException("the ledger is behind the journal; try again shortly");
    }
  }

  /** A reader starts waiting (under the lock): the forwarder, if it waits for a batch to fill, sends it now. */
  private void readerWaits() {
    readersWaiting++;
    if (forwarderWaitsAfter != NOT_WAITING) {
      changed.signalAll();
    }
  }

  // ---- used by the forwarder thread ----

  /**
   * Up to maxBatch queued entries after the one numbered {@code after} (the end of the batch in
   * flight, or {@link #NONE_IN_FLIGHT}), waiting up to maxBatchDelay for the batch to fill (less
   * when a reader waits for what is queued), and while recovery is still queuing the backlog,
   * until it is full. By
   * number, not by count: the batch in flight may be forwarded, and leave the queue, meanwhile.
   */
  List<Pending> nextBatch(Duration wait, long after) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (!closed && queuedAfter(after) < settings.maxBatch()) {
        if (readersWaiting > 0 && queuedAfter(after) > 0 && !recovering) {
          break; // a reader waits for what is queued (what is in flight wakes it when done)
        }
        if (after == NONE_IN_FLIGHT && queue.isEmpty() && !recovering) {
          // Idle: the first append wakes this, and the batch's delay counts from it.
          forwarderIdle = true;
          try {
            changed.await();
          } finally {
            forwarderIdle = false;
          }
          deadline = System.nanoTime() + wait.toNanos();
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 && !recovering) {
          break;
        }
        // while recovering, the backlog fills the batch sooner or later: each batch costs the
        // same statements whatever its size, so a part batch costs more per entry (recovery
        // signals)
        forwarderWaitsAfter = after;
        try {
          if (left > 0) {
            changed.awaitNanos(left);
          } else {
            changed.await();
          }
        } finally {
          forwarderWaitsAfter = NOT_WAITING;
        }
      }
      Pending first = queue.peekFirst();
      long skip = first == null ? 0 : Math.max(0, after - first.seq() + 1);
      return queue.stream().skip(skip).limit(settings.maxBatch()).toList();
    } finally {
      lock.unlock();
    }
  }

  private long queuedAfter(long after) {
    Pending last = queue.peekLast();
    return last == null ? 0 : Math.min(queue.size(), last.seq() - after);
  }

  /**
   * The batch is in the ledger: persist the checkpoint past it when one is due
   * ({@link JournalSettings#checkpointInterval}), then advance and forget what is done. The
   * checkpoint's write and fsync, and the deletion of forwarded segments, run outside the
   * journal's lock, which every request's {@link #append} takes: a request never waits on this
   * disk work (it did: fsyncs under it were the durable path's latency tail, see
   * docs/benchmarks.md). Only the forwarder's finishing thread calls this, one batch at a time in
   * the journal's order and only after the batch's both steps, so checkpoints stay in order; a
   * crash before the checkpoint's next write replays the batches forwarded since its last, which
   * the ledger takes idempotently.
   */
  void forwardedBatch(List<Pending> batch) throws IOException {
    Position done = batch.get(batch.size() - 1).end();
    boolean nothingBehind;
    lock.lock();
    try {
      if (queue.peekFirst() != batch.getFirst()) {
        throw new IllegalStateException("a batch was forwarded out of the journal's order");
      }
      nothingBehind = queue.size() == batch.size();
    } finally {
      lock.unlock();
    }
    Position onDisk = checkpoint.advance(done, nothingBehind);
    lock.lock();
    try {
      for (Pending p : batch) {
        queue.poll();
        unforwarded.remove(p.entry().requestId());
        unforwardedBytes -= p.bytes();
        recent.add(p.idHash(), p.print()); // hashed at the append, outside this lock
      }
      forwarded = done;
      progressNanos = System.nanoTime();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    segments.deleteBefore(onDisk); // segments before the checkpoint's: never the one appended to
  }

  /**
   * The batch's first step into the ledger ({@link SpendLedger#appendAllInSteps}); the forwarder
   * finishes it, then {@link #forwardedBatch}, while it sends the next batch's first step.
   */
  SpendLedger.AppendStep forward(List<Pending> batch) {
    return ledger.appendAllInSteps(batch.stream().map(Pending::entry).toList());
  }

  /** Whether a record was written since the last sync (what the fsync thread forces next). */
  boolean hasUnsyncedRecords() {
    return locked(() -> dirty);
  }

  /**
   * Waits until a record was written since the last sync (at once if one was; an idle journal
   * leaves the fsync thread asleep), then one fsync interval; answers false as soon as the
   * journal closes. The close wakes it, so the fsync thread needs no interrupt to stop.
   */
  boolean awaitSyncDue(Duration interval) throws InterruptedException {
    lock.lock();
    try {
      while (!dirty && !closed) {
        syncerWaits = true;
        try {
          changed.await();
        } finally {
          syncerWaits = false;
        }
      }
      for (long left = interval.toNanos(); !closed && left > 0; ) {
        left = changed.awaitNanos(left);
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forces written records to disk if any were written since the last force: first the segments
   * rolled past since the last round (and closes them), then the tail. The fsyncs run outside the
   * lock, so appends go on meanwhile (the next round covers them); a tail rolled past meanwhile
   * is forced here and again, then closed, by the next round.
   */
  void syncIfDirty() throws IOException {
    FileChannel tail;
    List<FileChannel> rolled;
    lock.lock();
    try {
      if (!dirty || closed) {
        return;
      }
      dirty = false;
      tail = segments.tail();
      rolled = segments.takeRolled();
    } finally {
      lock.unlock();
    }
    try {
      Segments.forceAndClose(rolled);
      tail.force(false);
    } catch (ClosedChannelException e) {
      // closed after the check: the close forces every segment before closing it
    } catch (IOException e) {
      locked(() -> {
        dirty = true; // the next round tries again
        segments.giveBack(rolled);
        return null;
      });
      throw e;
    }
  }

  boolean isClosed() {
    return locked(() -> closed);
  }

  /** {@code what} under the lock (for the calls off the request path). */
  private <T> T locked(Supplier<T> what) {
    lock.lock();
    try {
      return what.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    forwarder.stop();
    try {
      checkpoint.advance(locked(() -> forwarded), true); // a restart replays nothing forwarded
    } catch (IOException e) {
      LOG.log(Level.WARNING, "writing the spend journal's checkpoint at its close", e);
    }
    lock.lock();
    try {
      segments.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the spend journal", e);
    } finally {
      lock.unlock();
    }
  }
}
