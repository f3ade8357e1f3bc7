package dev.tollgate.app.cli;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.service.Administration;
import java.io.PrintStream;
import java.time.Clock;

/**
 * What every command runs against: the administration use cases, the served models (for a price
 * import), who is acting, the clock (defaults such as "this month" and "now"), and where to print.
 */
public record CliContext(
    Administration admin, ModelCatalog models, Actor actor, Clock clock, PrintStream out,
    PrintStream err) {

  public CliContext {
    if (admin == null || models == null || actor == null || clock == null || out == null
        || err == null) {
      throw new IllegalArgumentException("every part of the CLI context is required");
    }
  }
}
