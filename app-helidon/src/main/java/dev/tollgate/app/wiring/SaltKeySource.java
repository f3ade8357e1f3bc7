package dev.tollgate.app.wiring;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.domain.secret.SaltKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Where the salt key comes from: {@code TOLLGATE_SALT_KEY} (or {@code _FILE}) when set. Without
 * one, the embedded quick start keeps a generated key in {@code salt-key} beside its data
 * directory (mode 0600), so it needs nothing configured yet never loses its secrets on restart;
 * a configured PostgreSQL gets no key (it starts only while nothing is sealed, and stores no
 * secret). Key material is never logged; its id is.
 */
public final class SaltKeySource {

  private static final Logger LOG = Logger.getLogger(SaltKeySource.class.getName());
  static final String FILE_NAME = "salt-key";
  private static final int GENERATED_BYTES = 32;

  /** A salt key (or none), and the file it lives in when Tollgate generated it. */
  public record Resolved(Optional<SaltKey> key, Optional<Path> generatedFile) {
    public String describe() {
      return key.map(k -> "salt key " + k.id() + generatedFile.map(f -> " (from " + f + ")")
              .orElse(" (from " + ConfigLoader.SALT_KEY + ")"))
          .orElse("no salt key");
    }
  }

  private SaltKeySource() {}

  /**
   * The configured key; else, for the embedded store, the generated one, made now when
   * {@code mayGenerate} and there is none yet. Callers pass {@code mayGenerate} only while the
   * store has nothing sealed: a new key cannot open what is there, so the start is refused, and
   * a file written before that refusal would be picked up by every later key-less start. A new
   * key's material comes from {@code random}: the root's, a {@code SecureRandom}.
   */
  public static Resolved resolve(GatewayConfig config, boolean mayGenerate, RandomGenerator random) {
    if (config.saltKey().isPresent()) {
      return new Resolved(Optional.of(parse(ConfigLoader.SALT_KEY, config.saltKey().get())),
          Optional.empty());
    }
    if (!config.store().type().equals("embedded")) {
      return new Resolved(Optional.empty(), Optional.empty());
    }
    Path file = generatedFile(config);
    if (!Files.exists(file)) {
      if (!mayGenerate) {
        return new Resolved(Optional.empty(), Optional.empty());
      }
      generate(file, random);
    }
    return new Resolved(Optional.of(parse(file.toString(), new Secret(read(file)))), Optional.of(file));
  }

  /** {@code salt-key} beside the embedded data directory (initdb wants the directory itself empty). */
  public static Path generatedFile(GatewayConfig config) {
    Path data = config.store().dataDirectory().toAbsolutePath().normalize();
    Path parent = data.getParent() == null ? data : data.getParent();
    return parent.resolve(FILE_NAME);
  }

  /** A salt key from configuration; too short is refused, naming where it came from only. */
  public static SaltKey parse(String source, Secret secret) {
    try {
      return SaltKey.of(secret.reveal());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not a usable salt key: " + e.getMessage());
    }
  }

  /** Replaces a generated key file's content (after a rotation), never leaving it half-written. */
  public static void replaceGenerated(Path file, Secret newKey) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(tmp); // left by a crash between write and move
      createPrivate(tmp);
      Files.writeString(tmp, newKey.reveal() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the salt key file " + file + ": " + e, e);
    }
  }

  private static void generate(Path file, RandomGenerator random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    String material = Base64.getEncoder().encodeToString(bytes);
    try {
      Files.createDirectories(file.getParent());
      Path created = createPrivate(file);
      Files.writeString(created, material + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first: use theirs
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the salt key file " + file + ": " + e, e);
    }
    LOG.warning(() -> "No " + ConfigLoader.SALT_KEY + " was set: generated salt key "
        + SaltKey.of(material).id() + " into " + file + " (mode 0600). Stored secrets open only"
        + " with it: keep it with the data directory, or set " + ConfigLoader.SALT_KEY + ".");
  }

  private static Path createPrivate(Path file) throws IOException {
    try {
      return Files.createFile(file,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createFile(file); // not POSIX: the directory's own protection applies
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the salt key file " + file + ": " + e, e);
    }
  }
}
