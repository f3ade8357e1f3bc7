package dev.tollgate.adapter.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What the tests that start their own Redis processes need of the machine. */
final class LocalTools {

  private LocalTools() {}

  /**
   * Every tool on the PATH, or the test is skipped, except in CI, where it fails (.ci/run
   * installs Redis and openssl).
   */
  static void require(String test, String... tools) {
    for (String tool : tools) {
      if (!onPath(tool)) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          Assertions.fail("CI needs " + tool + " for the " + test);
        }
        Assumptions.abort(tool + " is not installed");
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String tool) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }
}
