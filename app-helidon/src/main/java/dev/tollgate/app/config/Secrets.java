package dev.tollgate.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secrets the way Kubernetes delivers them: an environment variable {@code NAME}, or a
 * mounted file named by {@code NAME_FILE} (trailing newline trimmed). Both set is a mistake and
 * refused, so nobody wonders which one won. Values are never logged.
 */
public final class Secrets {

  private static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

  private final Map<String, String> env;

  public Secrets(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static Secrets fromEnvironment() {
    return new Secrets(System.getenv());
  }

  public Optional<Secret> read(String name) {
    String direct = env.get(name);
    String file = env.get(name + "_FILE");
    if (direct != null && file != null) {
      throw new IllegalStateException(name + " and " + name + "_FILE are both set; set one");
    }
    if (direct != null && !direct.isEmpty()) {
      return Optional.of(new Secret(direct));
    }
    if (file == null || file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Secret(readFile(name, Path.of(file))));
  }

  private static String readFile(String name, Path path) {
    try {
      if (Files.size(path) > MAX_SECRET_FILE_BYTES) {
        throw new IllegalStateException(name + "_FILE is larger than 64 KiB: " + path);
      }
      String value = Files.readString(path).strip();
      if (value.isEmpty()) {
        throw new IllegalStateException(name + "_FILE is empty: " + path);
      }
      return value;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + "_FILE " + path + ": " + e, e);
    }
  }
}
