package dev.tollgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.tollgate.app.config.ConsoleSettings;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.console.ConsoleRoutes;
import dev.tollgate.app.http.console.ConsoleSessions;
import dev.tollgate.port.out.ConsoleSessionStore;
import dev.tollgate.service.Administration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** The web console, wired when {@code tollgate.console.enabled} is on (docs/console.md). */
final class Console {

  private Console() {}

  static Optional<ConsoleRoutes> routes(ConsoleSettings settings, Injector injector,
      Administration admin, Secret masterKey) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    ConsoleSessions sessions = new ConsoleSessions(injector.getInstance(ConsoleSessionStore.class),
        masterKey, admin.authenticate(), injector.getInstance(Clock.class), new SecureRandom(),
        settings.sessionTtl());
    return Optional.of(new ConsoleRoutes(sessions, settings,
        injector.getInstance(ObjectMapper.class)));
  }
}
