package dev.tollgate.app.cli;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.service.Administration;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * What every command runs against: the administration use cases, the served models (for a price
 * import), who is acting, the clock (defaults such as "this month" and "now"), and where to print.
 */
public record CliContext(
    Administration admin, ModelCatalog models, Actor actor, Clock clock, PrintStream out,
    PrintStream err, Optional<ManageWebhooks> webhooks) {

  /** Without webhook subscriptions (they need the store's secrets). */
  public CliContext(Administration admin, ModelCatalog models, Actor actor, Clock clock,
      PrintStream out, PrintStream err) {
    this(admin, models, actor, clock, out, err, Optional.empty());
  }

  public CliContext {
    if (admin == null || models == null || actor == null || clock == null || out == null
        || err == null || webhooks == null) {
      throw new IllegalArgumentException("every part of the CLI context is required");
    }
  }
}
