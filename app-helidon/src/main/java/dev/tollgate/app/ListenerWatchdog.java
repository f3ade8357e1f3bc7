package dev.tollgate.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * that is confirmed by binding the port (which succeeds only when nothing listens on it; a full
 * accept queue can refuse too, where the kernel is set to) means the listener is gone, and
 * {@code restart} binds a fresh one on the same port. A connect that times out or cannot get a
 * descriptor proves nothing and is tried again at the next tick.
 */
final class ListenerWatchdog implements AutoCloseable {

  /** Restarts a listener; answers whether a new one is accepting. */
  interface Restart {
    boolean restart();
  }

  private static final Logger LOG = Logger.getLogger(ListenerWatchdog.class.getName());
  private static final int PROBE_CONNECT_MILLIS = 1_000;

  private final InetAddress probeAddress;
  private final InetAddress bindAddress;
  private final IntSupplier port;
  private final Restart restart;
  private final ScheduledExecutorService ticks;
  private volatile boolean listening = true;
  private volatile long restarts;

  ListenerWatchdog(InetAddress bindAddress, IntSupplier port, Duration every, Restart restart) {
    this.bindAddress = bindAddress;
    this.probeAddress = bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bindAddress;
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
      return nothingListens();
    } catch (IOException inconclusive) {
      return false;
    }
  }

  /** Binding the port succeeds only when no socket listens on it. */
  private boolean nothingListens() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(bindAddress, port.getAsInt()));
      return true;
    } catch (IOException inUseOrNoDescriptor) {
      return false;
    }
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
