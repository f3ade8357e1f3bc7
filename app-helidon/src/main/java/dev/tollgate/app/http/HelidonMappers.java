package dev.tollgate.app.http;

import io.helidon.common.mapper.MapperManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Helidon's typed header reads ({@code Headers.contentLength()}, which every request with a body
 * makes, ours and the server's own) convert through the global mapper manager, and Helidon 4.2
 * looks that manager up in its service registry on every call unless one was set. The profile of
 * the durable path at 32 connections had that lookup at 8.8 % of the service's CPU. Setting the
 * registry's own manager once makes each read a field load; the conversions are unchanged.
 */
public final class HelidonMappers {

  private static final String GLOBAL_MANAGER = "io.helidon.common.mapper.GlobalManager";

  private HelidonMappers() {}

  /**
   * Sets the global mapper manager to the one the registry provides; idempotent. Deprecated in
   * Helidon 4.2 for its service registry, but Helidon's own header reads still go through it.
   */
  @SuppressWarnings("removal")
  public static void pin() {
    // Helidon warns that setting it "will not work in future versions" once anything has read
    // it (its configuration has); the set itself holds in 4.2, and a line at every start that
    // asks the operator to do nothing is noise.
    Logger quiet = Logger.getLogger(GLOBAL_MANAGER);
    Level before = quiet.getLevel();
    quiet.setLevel(Level.SEVERE);
    try {
      MapperManager.global(MapperManager.global());
    } finally {
      quiet.setLevel(before);
    }
  }
}
