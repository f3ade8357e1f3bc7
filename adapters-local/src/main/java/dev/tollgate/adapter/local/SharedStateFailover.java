package dev.tollgate.adapter.local;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a fast shared store (Redis) beside the durable one answers, and what happens while it
 * does not. A failed call is answered by the local state (or refused, below); a lost connection,
 * or the background probe failing, marks the store down: from then on no request waits on it
 * (each call would otherwise wait its timeout), requests are served by the local state over the
 * durable store ({@code allowRequestsOnUnavailable}) or refused with a
 * {@link StoreUnavailableException} (503). What the local state did meanwhile, and what the fast
 * store could not be told (settlements, corrections, releases), waits in a bounded replay queue;
 * the background probe replays it when the store answers again and only then trusts it again.
 * A store that answers with a new identity restarted empty: it learns budgets back from the
 * durable store, and is told everything owed anyway (a settlement the learned total already holds
 * is then counted twice there: more refusals, never an overspend; one missing would be).
 *
 * <p>With a hand-over ({@code handOver} above zero) a call that fails, however it fails, cuts at
 * once, and a request does not turn to the local state before the hand-over has passed since the
 * cut: it waits (bounded) for the probe to trust the store again and then asks it. A blip, or a
 * restart the other replicas also noticed, then costs a wait instead of an admission the other
 * replicas cannot see; and every replica has cut (and carried what it held into the local state)
 * before any of them admits locally. A store whose identity is new is trusted only once its probe
 * answers that the identity is settled (every replica has had time to place its running requests'
 * holds on it again).
 */
public final class SharedStateFailover {

  private static final Logger LOG = Logger.getLogger(SharedStateFailover.class.getName());

  /** The most operations waiting for the fast store; beyond, the newest are dropped and counted. */
  public static final int MAX_REPLAY = 100_000;
  /** The most holds, receipts or slot holders each decorator remembers. */
  static final int MAX_ROUTES = 200_000;

  /** The answer and whether the local state gave it. */
  public record Served<T>(T value, boolean local) {}

  /**
   * What the probe answers: the fast store's identity, and whether it is settled (old enough that
   * every replica has noticed it and placed its live holds on it again).
   */
  public record Identity(String value, boolean settled) {}

  /** One operation owed to the fast store; {@code budget}: a settlement or release of a hold. */
  private record Replay(Consumer<Instant> op, boolean budget) {}

  private final Clock clock;
  private final boolean allowRequestsOnUnavailable;
  private final String name;
  private final Deque<Replay> replays = new ArrayDeque<>();
  private final List<Runnable> onCut = new ArrayList<>();
  private final List<Runnable> onRestart = new ArrayList<>();
  private final List<Consumer<String>> onIdentity = new ArrayList<>();
  private final long handOverNanos;
  private volatile StoreHealth.Degradation degradation;
  /** When the current outage began ({@link System#nanoTime}): the hand-over counts from it. */
  private long cutAtNanos;
  private String identity;
  /** A new identity was seen and what live requests hold is not yet placed on it. */
  private boolean rebuildPending;
  private long uncoveredNanoUsd;
  private long outages;
  private long failedCalls;
  private long restarts;
  private long servedLocally;
  private long replayed;
  private long replayDropped;

  /**
   * @param name what readiness calls the fast store ("Redis")
   * @param allowRequestsOnUnavailable serve from local state while it is down, or refuse (503)
   */
  public SharedStateFailover(String name, Clock clock, boolean allowRequestsOnUnavailable) {
    this(name, clock, allowRequestsOnUnavailable, java.time.Duration.ZERO);
  }

  /**
   * @param handOver how long after a cut requests wait for the fast store to be trusted again
   *     before the local state answers them (zero: at once, and a timed-out call is answered
   *     locally alone, without a cut)
   */
  public SharedStateFailover(String name, Clock clock, boolean allowRequestsOnUnavailable,
      java.time.Duration handOver) {
    if (handOver.isNegative() || handOver.compareTo(java.time.Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("handOver must be 0..1 min: " + handOver);
    }
    this.name = name;
    this.clock = clock;
    this.allowRequestsOnUnavailable = allowRequestsOnUnavailable;
    this.handOverNanos = handOver.toNanos();
  }

  /**
   * Runs with each new identity of the fast store, the first one included: after a restart, once
   * this replica has cut (no call uses the store) and before its live holds are placed again.
   */
  public synchronized void onIdentity(Consumer<String> action) {
    onIdentity.add(action);
  }

  /** Runs at the start of each outage, before the local state admits anything. */
  public synchronized void onCut(Runnable action) {
    onCut.add(action);
  }

  /**
   * Runs when the fast store answers with a new identity (it restarted empty), before it is
   * trusted again: what live requests hold is placed on it again.
   */
  public synchronized void onRestart(Runnable action) {
    onRestart.add(action);
  }

  /** The fast store's answer; the local state's while it is down or when this call fails. */
  <T> Served<T> serve(Supplier<T> fast, Supplier<T> local) {
    // With a hand-over, a call that failed is asked again once the probe trusts the store again
    // within it; the two attempts and the wait are the bound on what a request waits.
    int attempts = handOverNanos == 0 ? 1 : 2;
    for (int attempt = 0; attempt < attempts && awaitTrusted(); attempt++) {
      try {
        return new Served<>(fast.get(), false);
      } catch (StoreRefusedException e) {
        throw e;
      } catch (StoreUnavailableException e) {
        // Replicas answering locally while the others use the fast store see less than all
        // of it, so the fewer calls that do, the better (see failedCall).
        failedCall(e);
      }
    }
    requireServing();
    synchronized (this) {
      servedLocally++;
    }
    return new Served<>(local.get(), true);
  }

  /** {@link #tell(Consumer, boolean, Instant)} at the clock's time. */
  void tell(Consumer<Instant> op, boolean budget) {
    tell(op, budget, clock.instant());
  }

  /**
   * Tells the fast store now (at the caller's {@code now}), or once it is back when it is down or
   * this call fails (at the time of the replay).
   */
  void tell(Consumer<Instant> op, boolean budget, Instant now) {
    if (degradation == null) {
      try {
        op.accept(now);
        return;
      } catch (StoreRefusedException e) {
        LOG.log(Level.WARNING, name + " refused an operation; not replayed", e);
        return;
      } catch (StoreUnavailableException e) {
        failedCall(e);
      }
    }
    owe(new Replay(op, budget));
  }

  /** {@link #attempt(Consumer, Instant)} at the clock's time. */
  void attempt(Consumer<Instant> op) {
    attempt(op, clock.instant());
  }

  /** Tries the fast store now if it is up; nothing is owed when it is down (periodic work). */
  void attempt(Consumer<Instant> op, Instant now) {
    if (degradation != null) {
      return;
    }
    try {
      op.accept(now);
    } catch (StoreRefusedException e) {
      LOG.log(Level.WARNING, name + " refused an operation", e);
    } catch (StoreUnavailableException e) {
      failedCall(e);
    }
  }

  /**
   * A call that timed out may be a blip under load: only this call is answered locally. A lost
   * connection (a restart, a crash, a refused connect) is an outage at once: the local state
   * answers until the probe finds the store back, so that a store that restarted empty is not
   * used before this replica has placed its running requests' holds on it again.
   */
  private void failedCall(StoreUnavailableException e) {
    synchronized (this) {
      failedCalls++;
    }
    if (handOverNanos == 0 && timedOut(e)) {
      LOG.log(Level.FINE, name + " call timed out; answered locally until the probe decides", e);
    } else {
      down(e);
    }
  }

  /**
   * The connection to the fast store was lost (the client says so, before any call fails): an
   * outage now, as a failed call's, so that a store that restarted empty and was reconnected to
   * at once is not used before the probe has seen it and this replica has rebuilt what it held.
   */
  public void connectionLost(String reason) {
    down(new StoreUnavailableException(name + " connection lost: " + reason));
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  /** {@link #checkIdentity} for a probe whose identities are settled at once. */
  public void check(Supplier<String> probe) {
    checkIdentity(() -> new Identity(probe.get(), true));
  }

  /**
   * The background probe: {@code probe} answers the fast store's identity (a new one: it
   * restarted empty) or throws while it is down. A new identity cuts first (no call uses the
   * store), is adopted ({@link #onIdentity}), and what live requests hold is placed on it again
   * ({@link #onRestart}); once it answers a settled identity, what is owed is replayed and the
   * store trusted again. Never throws.
   */
  public void checkIdentity(Supplier<Identity> probe) {
    Identity now;
    try {
      now = probe.get();
    } catch (StoreUnavailableException e) {
      down(e);
      return;
    } catch (RuntimeException e) {
      down(new StoreUnavailableException(name + " probe failed: " + e, e));
      return;
    }
    boolean restarted;
    boolean changed;
    synchronized (this) {
      changed = !now.value().equals(identity);
      restarted = changed && identity != null;
    }
    if (restarted) {
      // Before adopting it: no call may reach the restarted store until its holds are back.
      down(new StoreUnavailableException(name + " restarted (new identity)"));
      synchronized (this) {
        restarts++;
        rebuildPending = true;
      }
      LOG.warning(name + " restarted (new identity): placing live requests' holds on it again");
    }
    if (changed) {
      List<Consumer<String>> adopt;
      synchronized (this) {
        identity = now.value();
        adopt = List.copyOf(onIdentity);
      }
      adopt.forEach(a -> a.accept(now.value()));
    }
    if (!rebuild()) {
      return;
    }
    if (!now.settled()) {
      return; // trusted once every replica has had time to place its live holds on it again
    }
    if (degradation != null || hasReplays()) {
      replay();
    }
  }

  /** Places live requests' holds on a restarted store; false while that could not be done. */
  private boolean rebuild() {
    List<Runnable> actions;
    synchronized (this) {
      if (!rebuildPending) {
        return true;
      }
      actions = List.copyOf(onRestart);
    }
    try {
      actions.forEach(Runnable::run);
    } catch (StoreUnavailableException e) {
      down(e); // rebuilt again on the next answer
      return false;
    }
    synchronized (this) {
      rebuildPending = false;
    }
    return true;
  }

  /**
   * Runs {@link #check} every {@code interval} on a thread of its own (a probe waiting out its
   * timeout must not slow the local state's sync, which is what serves meanwhile); close to stop.
   */
  public AutoCloseable startProbe(Supplier<String> probe, java.time.Duration interval) {
    return startIdentityProbe(() -> new Identity(probe.get(), true), interval);
  }

  /** {@link #startProbe} for a probe that says whether a new identity is settled. */
  public AutoCloseable startIdentityProbe(Supplier<Identity> probe, java.time.Duration interval) {
    Thread thread = Thread.ofPlatform().daemon().name("tollgate-" + name.toLowerCase() + "-probe")
        .start(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            try {
              checkIdentity(probe);
              Thread.sleep(interval);
            } catch (InterruptedException e) {
              return;
            } catch (RuntimeException e) {
              LOG.log(Level.SEVERE, name + " probe failed unexpectedly; retrying", e);
            }
          }
        });
    return thread::interrupt;
  }

  private synchronized boolean hasReplays() {
    return !replays.isEmpty();
  }

  /** Replays what is owed, oldest first, without holding the lock while the store is called. */
  private void replay() {
    while (true) {
      Replay next;
      synchronized (this) {
        next = replays.pollFirst();
        if (next == null) {
          if (degradation != null) {
            LOG.info(name + " answers again; what was owed is replayed, it is trusted again");
          }
          degradation = null;
          notifyAll(); // requests waiting out the hand-over ask the store again
          return;
        }
      }
      try {
        next.op().accept(clock.instant());
        synchronized (this) {
          replayed++;
        }
      } catch (StoreRefusedException e) {
        synchronized (this) {
          replayDropped++;
        }
      } catch (StoreUnavailableException e) {
        synchronized (this) {
          replays.addFirst(next);
        }
        down(e);
        return;
      }
    }
  }

  private void owe(Replay replay) {
    synchronized (this) {
      if (replays.size() < MAX_REPLAY) {
        replays.addLast(replay);
        return;
      }
      replayDropped++;
    }
  }

  private void down(StoreUnavailableException cause) {
    List<Runnable> actions;
    StoreHealth.Degradation cut; // the field may be cleared again by a probe before the log line
    synchronized (this) {
      if (degradation != null) {
        return;
      }
      cut = new StoreHealth.Degradation(clock.instant(), name + " unreachable: "
          + Optional.ofNullable(cause.getMessage()).map(m -> m.length() > 200 ? m.substring(0, 200) : m)
              .orElse(cause.getClass().getSimpleName()));
      degradation = cut;
      outages++;
      cutAtNanos = System.nanoTime();
      actions = List.copyOf(onCut);
    }
    String after = handOverNanos == 0 ? "" : " once the hand-over (" + handOverNanos / 1_000_000
        + " ms) has passed without it";
    LOG.warning(cut.reason() + (allowRequestsOnUnavailable
        ? "; serving from local state" + after
        : "; refusing requests (allow-requests-on-db-unavailable off)" + after));
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handing over to the local state failed in part", e);
      }
    }
  }

  /**
   * True once the fast store is trusted; while it is down, waits for that until the hand-over
   * since the cut has passed (then false: the local state answers).
   */
  private boolean awaitTrusted() {
    if (degradation == null) {
      return true;
    }
    if (handOverNanos == 0) {
      return false;
    }
    synchronized (this) {
      while (degradation != null) {
        long leftNanos = cutAtNanos + handOverNanos - System.nanoTime();
        if (leftNanos <= 0) {
          return false;
        }
        try {
          wait(Math.max(1, leftNanos / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A request's hold carried into the local state, or placed again on a restarted store, that
   * could not be covered there: it runs on, and its cost may pass the budget by that much.
   */
  synchronized void uncovered(long nanoUsd) {
    uncoveredNanoUsd += nanoUsd;
  }

  /** Nano-USD of holds carried without cover ({@link #uncovered}) since the start. */
  public synchronized long uncoveredNanoUsd() {
    return uncoveredNanoUsd;
  }

  private void requireServing() {
    if (!allowRequestsOnUnavailable) {
      StoreHealth.Degradation d = degradation;
      throw new StoreUnavailableException(name + " is unavailable"
          + (d == null ? "" : " since " + d.since())
          + " and tollgate.store.allow-requests-on-db-unavailable is off");
    }
  }

  Instant now() {
    return clock.instant();
  }

  public Optional<StoreHealth.Degradation> degradation() {
    return Optional.ofNullable(degradation);
  }

  public boolean allowsRequestsOnUnavailable() {
    return allowRequestsOnUnavailable;
  }

  /** Outages noticed since the start. */
  public synchronized long outages() {
    return outages;
  }

  /** Calls to the fast store that failed (each answered locally). */
  public synchronized long failedCalls() {
    return failedCalls;
  }

  /** Restarts of the fast store noticed (a new identity). */
  public synchronized long restarts() {
    return restarts;
  }

  /** Calls the local state answered because the fast store was down. */
  public synchronized long servedLocally() {
    return servedLocally;
  }

  public synchronized long replayed() {
    return replayed;
  }

  /** Owed operations not replayed: the queue was full, or the store refused them. */
  public synchronized long replayDropped() {
    return replayDropped;
  }

  public synchronized int replayPending() {
    return replays.size();
  }
}
