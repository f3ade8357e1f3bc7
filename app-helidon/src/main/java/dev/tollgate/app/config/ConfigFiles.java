package dev.tollgate.app.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from, in layers, each key from the highest that sets it: system
 * properties, {@code TOLLGATE_*} environment variables, the operator's file ({@code --config FILE}
 * or {@code TOLLGATE_CONFIG}), {@code ./application.yaml}, the packaged defaults. So an operator's
 * file holds only what it changes. A list ({@code tollgate.models}, {@code tollgate.tenants}) is
 * one value: the highest layer that has it replaces it as a whole, entries are never merged.
 */
public final class ConfigFiles {

  /** The variable naming the operator's file when the command line does not. */
  public static final String ENV = "TOLLGATE_CONFIG";
  static final String FLAG = "--config";
  static final String PACKAGED = "application.yaml";

  private ConfigFiles() {}

  /** A command line without its {@code --config FILE}, and the operator's file, if any. */
  public record Invocation(String[] args, Optional<Path> file) {}

  /**
   * Takes {@code --config FILE} (or {@code --config=FILE}) out of {@code args}, wherever it is;
   * without one, {@code TOLLGATE_CONFIG} names the file. A flag without a file is refused.
   */
  public static Invocation parse(String[] args, Map<String, String> env) {
    List<String> rest = new ArrayList<>();
    Optional<Path> file = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals(FLAG)) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new IllegalArgumentException(FLAG + " needs a file");
        }
        file = Optional.of(Path.of(args[++i]));
      } else if (a.startsWith(FLAG + "=")) {
        file = Optional.of(Path.of(a.substring(FLAG.length() + 1)));
      } else {
        rest.add(a);
      }
    }
    if (file.isEmpty()) {
      file = Optional.ofNullable(env.get(ENV)).filter(v -> !v.isBlank()).map(Path::of);
    }
    return new Invocation(rest.toArray(String[]::new), file);
  }

  /** The layered configuration; an operator's file that cannot be read is refused by name. */
  public static Config load(Optional<Path> operatorFile, Path workingDirectory) {
    if (operatorFile.isPresent() && !Files.isReadable(operatorFile.get())) {
      throw new IllegalArgumentException(
          "the configuration file " + operatorFile.get() + " does not exist or cannot be read");
    }
    Config.Builder b = Config.builder().disableSystemPropertiesSource()
        .disableEnvironmentVariablesSource();
    b.addSource(ConfigSources.systemProperties());
    b.addSource(ConfigSources.environmentVariables());
    operatorFile.ifPresent(f -> b.addSource(ConfigSources.file(f)));
    Path local = workingDirectory.resolve(PACKAGED);
    if (Files.isRegularFile(local)) {
      b.addSource(ConfigSources.file(local));
    }
    b.addSource(ConfigSources.classpath(PACKAGED).optional());
    return b.build();
  }
}
