package dev.tollgate.app;

import dev.tollgate.app.cli.AdminCli;
import dev.tollgate.app.cli.CliMain;
import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.wiring.Database;
import dev.tollgate.adapter.postgres.PostgresMigrations;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code tollgate serve}: starts the gateway. Without {@code TOLLGATE_MASTER_KEY} (or
 * {@code TOLLGATE_MASTER_KEY_FILE}) it makes up a master key and prints it once, so the quick start
 * needs nothing but a JDK. {@code tollgate <group> <command>} administers the configured store
 * ({@link CliMain}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> serve();
      case "migrate" -> migrate();
      case "rotate-salt-key", "secret" -> SecretCommands.main(args);
      case "help", "--help", "-h" -> {
        if (args.length > 1) {
          System.exit(CliMain.run(args)); // help on a group or command: tollgate help keys
        }
        usage(0);
      }
      // The administration groups (tenants, keys, budgets, …); an unknown word is refused there.
      default -> System.exit(CliMain.run(args));
    }
  }

  /** Applies the schema migrations and exits: the job a deployment runs before rollout. */
  private static void migrate() {
    LogConfig.configureRuntime();
    GatewayConfig config = config();
    if (!config.store().isDurable()) {
      System.out.println("tollgate.store.type is memory: there is no schema to migrate");
      return;
    }
    try (Database database = Database.open(config)) {
      PostgresMigrations.Result result = database.migrate();
      System.out.println("schema '" + config.store().schema() + "' is at version " + result.version()
          + " (" + result.applied() + " migration(s) applied)");
    } catch (RuntimeException e) {
      System.err.println("tollgate migrate failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static GatewayConfig config() {
    try {
      return ConfigLoader.load(Config.create(), Secrets.fromEnvironment());
    } catch (RuntimeException e) {
      System.err.println("tollgate: invalid configuration: " + e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  private static void serve() {
    LogConfig.configureRuntime();
    GatewayConfig config = config();
    boolean generated = config.masterKey().isEmpty();
    Secret master = config.masterKey().orElseGet(Main::generatedMasterKey);
    TollgateServer server;
    try {
      server = TollgateServer.start(config, master);
    } catch (RuntimeException e) {
      System.err.println("tollgate: cannot start: " + rootMessage(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tollgate-shutdown"));
    String base = "http://" + config.server().host() + ":" + server.port();
    System.out.println("Tollgate is listening on " + base
        + " (data plane: " + config.dataPlane().type() + ")");
    if (generated) {
      System.out.println("No TOLLGATE_MASTER_KEY was set; this run's master key is: " + master.reveal());
    }
    System.out.println(QuickStart.text(base, generated ? master.reveal() : "$TOLLGATE_MASTER_KEY"));
  }

  /** Guice wraps start-up failures; the operator wants the reason, not the wrapping. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 10 && t.getCause() != null; i++) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static Secret generatedMasterKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return new Secret("tg-master-" + HexFormat.of().formatHex(bytes));
  }

  private static void usage(int status) {
    System.out.println("""
        usage: tollgate <command>
          serve     start the gateway (configuration: application.yaml + TOLLGATE_* environment)
          migrate   apply the database schema migrations and exit (run before a rollout)
          secret set <name>   seal the value on stdin under the salt key and store it
          rotate-salt-key     re-encrypt every stored secret from TOLLGATE_SALT_KEY to
                              TOLLGATE_NEW_SALT_KEY, in one transaction
          help    this text""");
    System.out.println(AdminCli.overview());
    System.exit(status);
  }
}
