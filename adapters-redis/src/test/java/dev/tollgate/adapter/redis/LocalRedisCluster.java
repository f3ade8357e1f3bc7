package dev.tollgate.adapter.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-node Redis Cluster (three {@code redis-server --cluster-enabled yes} on free loopback
 * ports, slots spread by {@code redis-cli --cluster create}, no replicas, nothing persisted),
 * started by a test and stopped with it. Without {@code redis-server} the test is skipped, except
 * in CI, where it fails (.ci/run installs Redis).
 */
final class LocalRedisCluster implements AutoCloseable {

  private static final int NODES = 3;
  private final List<Process> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  LocalRedisCluster(Path dir) throws Exception {
    LocalTools.require("cluster test", "redis-server", "redis-cli");
    for (int i = 0; i < NODES; i++) {
      int port = LocalTools.freePort();
      Path home = Files.createDirectories(dir.resolve("node-" + port));
      nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
          "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--save", "", "--appendonly", "no").directory(home.toFile()).redirectErrorStream(true)
          .redirectOutput(home.resolve("redis.log").toFile()).start());
      ports.add(port);
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(p -> create.add("127.0.0.1:" + p));
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    for (int attempt = 0; ; attempt++) { // the nodes may take a moment to listen
      Process p = new ProcessBuilder(create).redirectErrorStream(true)
          .redirectOutput(dir.resolve("create.log").toFile()).start();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        break;
      }
      if (attempt == 20) {
        throw new IllegalStateException("redis-cli --cluster create failed; see " + dir);
      }
      Thread.sleep(250);
    }
    awaitStateOk();
  }

  /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...} */
  String url() {
    return "redis-cluster://" + String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  private void awaitStateOk() throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(ports.getFirst()),
          "cluster", "info").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(10, TimeUnit.SECONDS);
      if (out.contains("cluster_state:ok")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the cluster never reported cluster_state:ok");
  }



  @Override
  public void close() throws InterruptedException {
    for (Process p : nodes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
