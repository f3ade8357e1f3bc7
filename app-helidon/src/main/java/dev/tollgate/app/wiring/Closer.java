package dev.tollgate.app.wiring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closes what the wiring opened, last opened first, once. */
public final class Closer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Closer.class.getName());
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  public synchronized <T> T register(T resource) {
    if (resource instanceof AutoCloseable closeable) {
      open.push(closeable);
    }
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing failed", e);
      }
    }
  }
}
