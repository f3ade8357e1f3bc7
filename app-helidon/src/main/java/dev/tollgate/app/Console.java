package dev.tollgate.app;

import dev.tollgate.app.config.ConsoleSettings;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.console.ConsoleRoutes;
import dev.tollgate.app.http.console.ConsoleSessions;
import dev.tollgate.app.wiring.ServerParts;
import java.util.Optional;

/** The web console, wired when {@code tollgate.console.enabled} is on (docs/console.md). */
final class Console {

  private Console() {}

  static Optional<ConsoleRoutes> routes(ConsoleSettings settings, ServerParts parts,
      Secret masterKey) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    ConsoleSessions sessions = new ConsoleSessions(parts.consoleSessions(), masterKey,
        parts.admin().authenticate(), parts.clock(), parts.random(), settings.sessionTtl());
    return Optional.of(new ConsoleRoutes(sessions, settings, parts.mapper()));
  }
}
