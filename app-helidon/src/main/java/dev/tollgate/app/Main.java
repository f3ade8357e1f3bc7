package dev.tollgate.app;

import dev.tollgate.app.cli.AdminCli;
import dev.tollgate.app.cli.CliMain;
import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.wiring.Database;
import dev.tollgate.app.wiring.Root;
import dev.tollgate.adapter.postgres.PostgresMigrations;
import dev.tollgate.app.config.ConfigFiles;
import dev.tollgate.app.http.TokenCounter;
import dev.tollgate.app.logging.Logging;
import io.helidon.logging.common.LogConfig;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code tollgate serve}: starts the gateway. Without {@code TOLLGATE_MASTER_KEY} (or
 * {@code TOLLGATE_MASTER_KEY_FILE}) it makes up a master key and prints it once, so the quick start
 * needs nothing but a JDK. {@code tollgate <group> <command>} administers the configured store
 * ({@link CliMain}).
 */
public final class Main {

  private Main() {}

  /** The operator's configuration file ({@code --config FILE} or {@code TOLLGATE_CONFIG}). */
  private static Optional<Path> configFile = Optional.empty();

  public static void main(String[] commandLine) {
    ConfigFiles.Invocation invocation;
    try {
      invocation = ConfigFiles.parse(commandLine, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("tollgate: " + e.getMessage());
      System.exit(2);
      return;
    }
    configFile = invocation.file();
    String[] args = invocation.args();
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> serve();
      case "migrate" -> migrate();
      case "smoke" -> System.exit(Smoke.main(args, Root.of(config())));
      case "rotate-salt-key", "secret" -> SecretCommands.main(args, Root.of(config()));
      case "import" -> System.exit(dev.tollgate.app.cli.ImportCommand.main(args, Root.of(config())));
      case "help", "--help", "-h" -> {
        if (args.length > 1) {
          System.exit(CliMain.run(args, configFile)); // help on a group: tollgate help keys
        }
        usage(0);
      }
      // The administration groups (tenants, keys, budgets, …); an unknown word is refused there.
      default -> System.exit(CliMain.run(args, configFile));
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
      return ConfigLoader.load(ConfigFiles.load(configFile, Path.of("")),
          Secrets.fromEnvironment());
    } catch (RuntimeException e) {
      System.err.println("tollgate: invalid configuration: " + e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  private static void serve() {
    TokenCounter.preload(); // the longest single piece of a start, in parallel with all the rest
    // Logback, with java.util.logging bridged into it, replaces Helidon's JUL set-up here
    // (LogConfig), so that no line is written before the configured format applies.
    GatewayConfig config = config();
    Logging.configure(config.observability().logFormat());
    Root root = Root.of(config);
    boolean generated = config.masterKey().isEmpty();
    Secret master = config.masterKey().orElseGet(() -> generatedMasterKey(root.random()));
    TollgateServer server;
    try {
      server = TollgateServer.start(root, master);
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

  private static Secret generatedMasterKey(RandomGenerator random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return new Secret("tg-master-" + HexFormat.of().formatHex(bytes));
  }

  private static void usage(int status) {
    System.out.println("""
        usage: tollgate [--config FILE] <command>
          serve     start the gateway (configuration: the packaged defaults, ./application.yaml,
                    --config FILE or TOLLGATE_CONFIG, TOLLGATE_* variables; later ones win)
          smoke     prove a running gateway works end to end: mint a key, call a model, read
                    its spend (TOLLGATE_MASTER_KEY: the running server's master key)
          migrate   apply the database schema migrations and exit (run before a rollout)
          import litellm --from <url> [--dry-run]   import a LiteLLM database: tenants, teams,
                    keys (their secrets keep working), budgets, spend (docs/migrate-from-litellm.md)
          secret set <name>   seal the value on stdin under the salt key and store it
          rotate-salt-key     re-encrypt every stored secret from TOLLGATE_SALT_KEY to
                              TOLLGATE_NEW_SALT_KEY, in one transaction
          help    this text""");
    System.out.println(AdminCli.overview());
    System.exit(status);
  }
}
