package dev.tollgate.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices a listener that stopped accepting, and starts a new one. Helidon's accept loop ends for
 * good on any accept failure ({@code Too many open files} included): the port is closed while the
 * process runs on. Every {@code every}, this connects to the port itself; a refused connection
 * means no socket is listening, and {@code restart} binds a fresh listener on the same port. A
 * connect that times out or cannot get a descriptor proves nothing (a full accept queue, a
 * descriptor shortage that is passing) and is tried again at the next tick.
 */
final class ListenerWatchdog implements AutoCloseable {

  /** Restarts a listener; answers whether a new one is accepting. */
  interface Restart {
    boolean restart();
  }

  private static final Logger LOG = Logger.getLogger(ListenerWatchdog.class.getName());
  private static final int PROBE_CONNECT_MILLIS = 1_000;

  private final InetAddress probeAddress;
  private final IntSupplier port;
  private final Restart restart;
  private final ScheduledExecutorService ticks;
  private volatile boolean listening = true;
  private volatile long restarts;

  ListenerWatchdog(InetAddress probeAddress, IntSupplier port, Duration every, Restart restart) {
    this.probeAddress = probeAddress;
    this.port = port;
    this.restart = restart;
    this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-listener-watchdog");
      t.setDaemon(true);
      return t;
    });
    ticks.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** False from the moment a dead listener is noticed until a new one accepts. */
  boolean listening() {
    return listening;
  }

  long restarts() {
    return restarts;
  }

  private void check() {
    try {
      if (refused()) {
        if (listening) {
          LOG.severe("the listener on port " + port.getAsInt() + " stopped accepting; restarting it");
        }
        listening = false;
        if (restart.restart()) {
          restarts++;
          listening = true;
          LOG.warning("a new listener accepts on port " + port.getAsInt());
        }
      }
    } catch (RuntimeException e) {
      // A failed restart (no descriptor to bind with yet) is retried at the next tick.
      LOG.log(Level.WARNING, "restarting the listener failed: " + e);
    }
  }

  private boolean refused() {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(probeAddress, port.getAsInt()), PROBE_CONNECT_MILLIS);
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException inconclusive) {
      return false;
    }
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
