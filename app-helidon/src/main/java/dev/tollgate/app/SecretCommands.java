package dev.tollgate.app;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.wiring.DurableSecretStore;
import dev.tollgate.app.wiring.Root;
import dev.tollgate.app.wiring.SaltKeyCheck;
import dev.tollgate.app.wiring.SaltKeySource;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.in.RotateSaltKey.Rotation;
import dev.tollgate.port.in.RotateSaltKeyCommand;
import dev.tollgate.port.in.StoreSecret;
import dev.tollgate.port.in.StoreSecretCommand;
import dev.tollgate.service.RotateSaltKeyService;
import dev.tollgate.service.SecretsService;
import io.helidon.logging.common.LogConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate rotate-salt-key} and {@code tollgate secret set <name>}: secrets at rest
 * without SQL. Each returns an exit status (0 done, 1 refused, 2 usage or configuration) and
 * prints key ids, never keys or secret values.
 */
final class SecretCommands {

  static final String NEW_SALT_KEY = "TOLLGATE_NEW_SALT_KEY";

  private final Root root;
  private final GatewayConfig config;
  private final Secrets env;
  private final PrintStream out;
  private final PrintStream err;

  SecretCommands(Root root, Secrets env, PrintStream out, PrintStream err) {
    this.root = root;
    this.config = root.config();
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** From {@link Main}: {@code rotate-salt-key} or {@code secret set <name>}; exits. */
  static void main(String[] args, Root root) {
    LogConfig.configureRuntime();
    int status;
    try {
      Secrets env = Secrets.fromEnvironment();
      SecretCommands commands = new SecretCommands(root, env, System.out, System.err);
      status = commands.run(args, System.in);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("tollgate " + args[0] + ": " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** The two commands' shapes, read by picocli (the work is below, not in these classes). */
  @Command(name = "tollgate", subcommands = {RotateWord.class, SecretWord.class})
  static final class Words {}

  @Command(name = "rotate-salt-key", description = "re-seal every stored secret under a new salt key")
  static final class RotateWord {}

  @Command(name = "secret", subcommands = {SetWord.class})
  static final class SecretWord {}

  @Command(name = "set", description = "store a secret sealed under the salt key; value on stdin")
  static final class SetWord {
    @Parameters(index = "0", paramLabel = "<name>", description = "the secret's name")
    String name;
  }

  int run(String[] args, InputStream stdin) {
    CommandLine words = new CommandLine(new Words());
    List<CommandLine> parsed;
    try {
      parsed = words.parseArgs(args).asCommandLineList();
    } catch (CommandLine.ParameterException e) {
      err.println("tollgate: " + e.getMessage());
      parsed = List.of();
    }
    Object last = parsed.isEmpty() ? null : parsed.get(parsed.size() - 1).getCommand();
    if (last instanceof RotateWord) {
      return rotateSaltKey();
    }
    if (last instanceof SetWord set) {
      return setSecret(set.name, stdin);
    }
    err.println("usage: tollgate rotate-salt-key | tollgate secret set <name> (value on stdin)");
    return 2;
  }

  int rotateSaltKey() {
    if (!durable("rotate-salt-key")) {
      return 2;
    }
    SaltKeySource.Resolved old = SaltKeySource.resolve(config, false, root.random());
    Optional<Secret> next = env.read(NEW_SALT_KEY);
    if (old.key().isEmpty() || next.isEmpty()) {
      err.println("tollgate rotate-salt-key: set " + ConfigLoader.SALT_KEY + " (or _FILE) to the"
          + " current salt key and " + NEW_SALT_KEY + " (or _FILE) to the new one");
      return 2;
    }
    SaltKey to = SaltKeySource.parse(NEW_SALT_KEY, next.get());
    SaltKey from = old.key().get();
    try (DurableSecretStore db = root.secretStore()) {
      Rotation rotation = new RotateSaltKeyService(db.store(), root.random())
          .rotate(new RotateSaltKeyCommand(from, to));
      return switch (rotation) {
        case Rotation.Rotated r -> done(old, next.get(), "re-encrypted " + r.secrets()
            + " secret(s) and the key check from salt key " + r.from() + " to " + r.to()
            + " in one transaction; salt key " + r.from() + " is refused from now on");
        case Rotation.AlreadyRotated a -> done(old, next.get(), "everything (" + a.secrets()
            + " secret(s)) is already sealed under salt key " + a.to() + ": nothing to do");
        case Rotation.SameKey s -> sameKey(db, to);
        case Rotation.WrongKey w -> refused("the stored secrets are sealed under salt key id "
            + String.join(", ", w.stored().stream().map(Object::toString).sorted().toList())
            + ", which is neither the current key (" + w.from() + ") nor the new one (" + w.to()
            + "); nothing was changed");
        case Rotation.Tampered t -> refused(t.names() + " do not authenticate under the current"
            + " key (altered, or copied to another name); nothing was changed");
        case Rotation.ChangedMeanwhile c -> refused("the secrets kept changing during "
            + c.attempts() + " attempts; nothing was changed, run it again");
      };
    }
  }

  private int done(SaltKeySource.Resolved old, Secret next, String what) {
    out.println("tollgate rotate-salt-key: " + what + ".");
    if (old.generatedFile().isPresent()) {
      SaltKeySource.replaceGenerated(old.generatedFile().get(), next);
      out.println("The generated key file " + old.generatedFile().get() + " now holds the new key.");
    } else {
      out.println("Restart every server with " + ConfigLoader.SALT_KEY + " set to the new key.");
    }
    return 0;
  }

  private int sameKey(DurableSecretStore db, SaltKey key) {
    String refusal = SaltKeyCheck.refusal(
        new SecretsService(db.store(), Optional.of(key), root.random()).verify());
    if (refusal != null) {
      return refused(refusal);
    }
    out.println("tollgate rotate-salt-key: the current and the new salt key are the same (id "
        + key.id() + ") and the store is sealed under it: nothing to do.");
    return 0;
  }

  int setSecret(String rawName, InputStream stdin) {
    if (!durable("secret set")) {
      return 2;
    }
    SecretName name = SecretName.of(rawName);
    SecretValue value = SecretValue.of(readValue(stdin));
    try (DurableSecretStore db = root.secretStore()) {
      SaltKeySource.Resolved key =
          SaltKeySource.resolve(config, db.store().all().isEmpty(), root.random());
      SecretsService secrets = new SecretsService(db.store(), key.key(), root.random());
      String refusal = SaltKeyCheck.refusal(secrets.verify());
      if (refusal != null) {
        return refused(refusal);
      }
      return switch (secrets.store(new StoreSecretCommand(name, value))) {
        case StoreSecret.Result.Stored s -> {
          out.println("tollgate secret set: stored " + s.name() + ", sealed under salt key "
              + s.keyId() + ".");
          yield 0;
        }
        case StoreSecret.Result.NoSaltKey n -> refused("no salt key is configured: set "
            + ConfigLoader.SALT_KEY + " (or _FILE) to seal secrets");
        case StoreSecret.Result.WrongKey w -> refused("the store is sealed under salt key id "
            + String.join(", ", w.stored().stream().map(Object::toString).sorted().toList())
            + ", not the configured " + w.configured());
        case StoreSecret.Result.ReservedName r -> refused("names starting with 'tollgate.' are"
            + " Tollgate's own: " + r.name());
        case StoreSecret.Result.Full f -> refused("the store already holds " + f.maxSecrets()
            + " secrets");
      };
    }
  }

  private boolean durable(String command) {
    if (config.store().isDurable()) {
      return true;
    }
    err.println("tollgate " + command + ": tollgate.store.type is memory, where nothing outlives"
        + " the process; use the embedded or postgres store");
    return false;
  }

  private int refused(String why) {
    err.println("tollgate: refused: " + why);
    return 1;
  }

  /** The value on stdin, without the one trailing newline an `echo` or a file adds. */
  static String readValue(InputStream stdin) {
    try {
      byte[] bytes = stdin.readNBytes(SecretValue.MAX_BYTES + 3);
      if (bytes.length > SecretValue.MAX_BYTES + 2) {
        throw new IllegalArgumentException("the value on stdin is over " + SecretValue.MAX_BYTES
            + " bytes");
      }
      String value = new String(bytes, StandardCharsets.UTF_8);
      if (value.endsWith("\r\n")) {
        return value.substring(0, value.length() - 2);
      }
      return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the value from stdin: " + e.getMessage(), e);
    }
  }
}
