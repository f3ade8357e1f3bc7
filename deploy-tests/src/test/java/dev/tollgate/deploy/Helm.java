package dev.tollgate.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Helm 3 binary: {@code TOLLGATE_HELM}, else {@code helm} on the PATH ({@code .ci/run} installs
 * one). Without either, CI ({@code CI=true}) fails and a developer's run is skipped, saying why.
 */
final class Helm {

  static final Path CHART = Path.of("..", "deploy", "helm", "tollgate").toAbsolutePath().normalize();
  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  /** The Helm of this machine, or the test is aborted (locally) or failed (CI). */
  static Helm locate() {
    Optional<Path> found = find();
    if (found.isEmpty()) {
      String why = "no Helm 3: set TOLLGATE_HELM or put helm on the PATH (.ci/run installs one)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    return new Helm(found.get());
  }

  private static Optional<Path> find() {
    String explicit = System.getenv("TOLLGATE_HELM");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "helm");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** What one helm command printed, and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  Result lint(List<Path> valuesFiles) {
    return run(withValues(List.of("lint", CHART.toString(), "--strict"), valuesFiles));
  }

  Result template(List<Path> valuesFiles) {
    return run(withValues(List.of("template", "tollgate", CHART.toString(),
        "--namespace", "tollgate", "--include-crds"), valuesFiles));
  }

  private static List<String> withValues(List<String> args, List<Path> valuesFiles) {
    List<String> all = new ArrayList<>(args);
    for (Path file : valuesFiles) {
      all.add("--values");
      all.add(file.toString());
    }
    return all;
  }

  private Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    try {
      Path out = Files.createTempFile("helm-out", ".txt");
      Path err = Files.createTempFile("helm-err", ".txt");
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("helm did not finish in " + TIMEOUT_SECONDS + " s: " + command);
      }
      Result result = new Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
