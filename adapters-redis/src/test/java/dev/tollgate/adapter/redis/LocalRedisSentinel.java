package dev.tollgate.adapter.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Redis watched by a Sentinel: one {@code redis-server} (the master) and one
 * {@code redis-server --sentinel} monitoring it as {@value #MASTER} (quorum 1), on free loopback
 * ports, nothing persisted, started by a test and stopped with it. Without {@code redis-server}
 * the test is skipped, except in CI, where it fails (.ci/run installs Redis).
 */
final class LocalRedisSentinel implements AutoCloseable {

  static final String MASTER = "tollgate-master";

  private final Process master;
  private final Process sentinel;
  private final int masterPort;
  private final int sentinelPort;

  LocalRedisSentinel(Path dir) throws Exception {
    LocalTools.require("Sentinel test", "redis-server", "redis-cli");
    masterPort = LocalTools.freePort();
    sentinelPort = LocalTools.freePort();
    Path home = Files.createDirectories(dir.resolve("master"));
    master = new ProcessBuilder("redis-server", "--port", Integer.toString(masterPort), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no").directory(home.toFile())
        .redirectErrorStream(true).redirectOutput(home.resolve("redis.log").toFile()).start();
    Path watch = Files.createDirectories(dir.resolve("sentinel"));
    Path conf = watch.resolve("sentinel.conf"); // the Sentinel rewrites its own configuration
    Files.writeString(conf, "port " + sentinelPort + "\nbind 127.0.0.1\n"
        + "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 1\n");
    sentinel = new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
        .directory(watch.toFile()).redirectErrorStream(true)
        .redirectOutput(watch.resolve("sentinel.log").toFile()).start();
    awaitMasterNamed();
  }

  /** {@code redis-sentinel://127.0.0.1:<sentinel port>#<master name>} */
  String url() {
    return "redis-sentinel://127.0.0.1:" + sentinelPort + "#" + MASTER;
  }

  /** How many keys naming {@code prefix} the master holds (read past Lettuce, with redis-cli). */
  long keysOnTheMaster(String prefix) throws Exception {
    Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(masterPort), "--scan",
        "--pattern", "*" + prefix + "*").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> !l.isBlank()).count();
  }

  private void awaitMasterNamed() throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(sentinelPort),
          "sentinel", "get-master-addr-by-name", MASTER).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(10, TimeUnit.SECONDS);
      if (out.contains(Integer.toString(masterPort))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the Sentinel never named the master");
  }



  @Override
  public void close() throws InterruptedException {
    sentinel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    master.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
