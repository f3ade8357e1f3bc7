package dev.tollgate.app.cli;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.wiring.AdminBackend;
import dev.tollgate.app.wiring.Root;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.adapter.postgres.EmbeddedPostgresDatabase;
import dev.tollgate.app.config.ConfigFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The process side of the CLI: checks the command line, then reads the configuration
 * (application.yaml + {@code TOLLGATE_*}) and opens its durable store, the same one
 * {@code tollgate serve} uses, through the same composition root ({@link Root}), and runs the
 * command as {@code cli:<user>}.
 */
public final class CliMain {

  private CliMain() {}

  /** Runs {@code args} (group first) over the configuration without an operator file. */
  public static int run(String[] args) {
    return run(args, Optional.empty());
  }

  /**
   * Runs {@code args} (group first) and answers the exit code; {@code configFile} is the
   * operator's file ({@code --config}, {@code TOLLGATE_CONFIG}) layered over the defaults.
   */
  public static int run(String[] args, Optional<Path> configFile) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    AdminCli.Result prepared = AdminCli.prepare(List.of(args), out, err);
    if (!(prepared instanceof AdminCli.Result.Run run)) {
      return ((AdminCli.Result.Exit) prepared).code();
    }
    quietLogging();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(ConfigFiles.load(configFile, Path.of("")),
          Secrets.fromEnvironment());
    } catch (RuntimeException e) {
      err.println("tollgate: invalid configuration: " + e.getMessage());
      return AdminCli.USAGE;
    }
    if (!config.store().isDurable()) {
      err.println("tollgate: tollgate.store.type is memory: each process has its own, so there is"
          + " nothing to administer from here; use the admin HTTP API of the running server.");
      return AdminCli.REFUSED;
    }
    Root root = Root.of(config);
    AdminBackend backend;
    try {
      backend = root.administration();
    } catch (EmbeddedPostgresDatabase.InUse e) {
      err.println("tollgate: " + e.getMessage() + ": stop it, or use its admin API at http://"
          + config.server().host() + ":" + config.server().port()
          + "/admin/v1 with the master key (docs/admin.md).");
      return AdminCli.REFUSED;
    } catch (RuntimeException e) {
      err.println("tollgate: cannot open the store: " + rootMessage(e));
      return AdminCli.REFUSED;
    }
    try (backend) {
      return run.invocation().run(new CliContext(backend.administration(), backend.models(),
          actor(), root.clock(), out, err, backend.webhooks()));
    }
  }

  /**
   * The pool, the embedded database and the migrations log at INFO; a command's output is what the
   * operator asked for, so only warnings and errors reach stderr beside it.
   */
  private static void quietLogging() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(java.util.logging.Level.WARNING);
    for (java.util.logging.Handler h : root.getHandlers()) {
      h.setLevel(java.util.logging.Level.WARNING);
    }
    dev.tollgate.app.logging.Logging.quiet(); // SLF4J's (the pool's, Flyway's) too
  }

  /** {@code cli:<user>}: who the audit log says made the change. */
  static Actor actor() {
    String user = System.getProperty("user.name", "");
    String clean = user.codePoints().filter(c -> c > 0x20 && c < 0x7f)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    clean = clean.isEmpty() ? "unknown" : clean;
    return Actor.platform("cli:" + clean.substring(0, Math.min(clean.length(), 100)));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 10 && t.getCause() != null; i++) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
