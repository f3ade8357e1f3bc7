package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One multiplexed Lettuce connection (thread-safe: every store and thread shares it) to a
 * standalone or Sentinel-watched Redis ({@code RedisClient}) or a Redis Cluster
 * ({@code RedisClusterClient}, for a {@code redis-cluster://} URL), the scripts loaded once, and
 * the one place Lettuce's exceptions become the port's: a Redis that
 * does not answer in time, refuses the connection or is failing over is
 * {@link StoreUnavailableException}; an error reply to one call (a script refusing a value) is
 * {@link StoreRefusedException}.
 */
public final class RedisConnection implements AutoCloseable {

  /** Error replies that mean the server cannot serve now (loading, a replica, failing over). */
  private static final List<String> OUTAGE_REPLIES =
      List.of("LOADING", "READONLY", "MASTERDOWN", "BUSY", "CLUSTERDOWN", "TRYAGAIN", "NOAUTH",
          // the epoch fence (fence.lua): Redis restarted empty since this replica last looked
          "FENCED");

  /** The connection's parts whatever the topology: its commands, its timeout, how to close it. */
  private record Link(RedisClusterCommands<String, String> commands,
      java.util.function.Consumer<java.time.Duration> timeout, AutoCloseable connection,
      Runnable shutdown, java.util.function.Consumer<RedisConnectionStateListener> listen) {}

  /** The longest pause between two reconnect attempts. */
  static final java.time.Duration MAX_RECONNECT_DELAY = java.time.Duration.ofMillis(200);

  private final RedisSettings settings;
  private final Link link;
  private final RedisClusterCommands<String, String> commands;
  private final Map<Script, String> digests = new EnumMap<>(Script.class);
  private final String prefix;
  /** The epoch every fenced script must find in Redis (fence.lua); adopted by the probe. */
  private volatile String epoch;
  /** The last epoch {@link #epoch()} read, its age then and when ({@link System#nanoTime}). */
  private String seenEpoch;
  private java.time.Duration seenAge = java.time.Duration.ZERO;
  private long seenAtNanos;
  private volatile boolean closed;

  private RedisConnection(RedisSettings settings, Link link) {
    this.settings = settings;
    this.link = link;
    this.commands = link.commands();
    this.prefix = "{" + settings.keyPrefix() + "}";
  }

  /**
   * Connects and loads every script; fails with a {@link StoreUnavailableException} that names
   * the (redacted) URI when Redis cannot be reached.
   */
  public static RedisConnection open(RedisSettings settings) {
    List<RedisURI> uris;
    try {
      uris = RedisUris.parse(settings.uri());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redis URI: " + settings, e);
    }
    for (RedisURI uri : uris) {
      settings.password().ifPresent(p -> uri.setAuthentication(p.toCharArray()));
      // Opening and loading the scripts may take longer on a cold JVM than a call may later.
      uri.setTimeout(settings.connectTimeout());
    }
    Link link = null;
    try {
      link = RedisUris.isCluster(settings.uri()) ? cluster(settings, uris) : single(settings, uris.getFirst());
      RedisConnection opened = new RedisConnection(settings, link);
      opened.loadScripts();
      opened.adopt(opened.epoch().id());
      link.timeout().accept(settings.commandTimeout());
      return opened;
    } catch (RuntimeException e) {
      if (link != null) {
        link.shutdown().run();
      }
      throw new StoreUnavailableException(
          "Redis is unreachable or refused us (" + settings + "): " + e.getMessage(), e);
    }
  }

  /**
   * Reconnects at most {@link #MAX_RECONNECT_DELAY} apart (Lettuce's default backs off to 30 s):
   * a Redis restarted empty is found, and trusted again, within the hand-over.
   */
  private static ClientResources resources() {
    return ClientResources.builder().reconnectDelay(io.lettuce.core.resource.Delay.exponential(
        java.time.Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2,
        java.util.concurrent.TimeUnit.MILLISECONDS)).build();
  }

  private static Link single(RedisSettings settings, RedisURI uri) {
    ClientResources resources = resources();
    RedisClient client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        // Fail calls at once while disconnected instead of queueing them behind the reconnect.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        // Every command (sync or async) times out at the connection's timeout, set after opening.
        .timeoutOptions(TimeoutOptions.enabled())
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .build());
    try {
      var connection = client.connect(uri);
      return new Link(connection.sync(), connection::setTimeout, connection,
          () -> shutdown(client::shutdown, resources), client::addListener);
    } catch (RuntimeException e) {
      shutdown(client::shutdown, resources);
      throw e;
    }
  }

  private static void shutdown(Runnable client, ClientResources resources) {
    try {
      client.run();
    } finally {
      resources.shutdown();
    }
  }

  /** A Redis Cluster: every key of ours carries the prefix's hash tag, so one script is one slot. */
  private static Link cluster(RedisSettings settings, List<RedisURI> seeds) {
    ClientResources resources = resources();
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    client.setOptions(ClusterClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled())
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .build());
    try {
      var connection = client.connect();
      return new Link(connection.sync(), connection::setTimeout, connection,
          () -> shutdown(client::shutdown, resources), client::addListener);
    } catch (RuntimeException e) {
      shutdown(client::shutdown, resources);
      throw e;
    }
  }

  /** {@code {prefix}:part:part...}, the key of one thing. */
  String key(String... parts) {
    return prefix + ":" + String.join(":", parts);
  }

  /** The prefix scripts build their own keys from. */
  String prefix() {
    return prefix;
  }

  /**
   * Runs a script by its digest, sending its source only when the server has lost it; a fenced
   * script gets the epoch key and the adopted epoch last (fence.lua).
   */
  Object run(Script script, List<String> keys, List<String> args) {
    // The epoch key also makes a script that names no key run where the prefix's slot lives (it
    // matters in a Cluster); no script reads a key it was not given beyond its own prefix.
    List<String> allKeys = new java.util.ArrayList<>(keys);
    List<String> allArgs = new java.util.ArrayList<>(args);
    if (script.fenced()) {
      allKeys.add(key("epoch"));
      allArgs.add(epoch);
    }
    String[] k = allKeys.toArray(String[]::new);
    String[] a = allArgs.toArray(String[]::new);
    return call(c -> {
      try {
        return c.evalsha(digests.get(script), ScriptOutputType.MULTI, k, a);
      } catch (RedisNoScriptException e) {
        // Redis restarted (or SCRIPT FLUSH): EVAL runs it and caches it again.
        return c.eval(script.source(), ScriptOutputType.MULTI, k, a);
      }
    });
  }

  /** One call on the connection, its exceptions translated. */
  <T> T call(Function<RedisClusterCommands<String, String>, T> call) {
    try {
      return call.apply(commands);
    } catch (RedisCommandExecutionException e) {
      throw isOutage(e) ? unavailable(e) : new StoreRefusedException(
          "Redis refused a call: " + e.getMessage(), e);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /**
   * Runs {@code action} (on a thread of its own, never Lettuce's I/O thread) each time the
   * connection is lost while open: a Redis that restarted may be reconnected to before any call
   * fails, and must not be used before whoever listens has noticed.
   */
  public void onConnectionLost(Runnable action) {
    link.listen().accept(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
        if (!closed) {
          Thread.ofVirtual().name("tollgate-redis-lost").start(action);
        }
      }
    });
  }

  /** An epoch as the probe reads it: its id and how long ago it began, by Redis's clock. */
  public record Epoch(String id, java.time.Duration age) {}

  /**
   * Redis's epoch ({@code {prefix}:epoch}), begun now if it has none (it restarted empty, or is
   * new): {@code <random>@<Redis's ms>}. One GET in steady state (the probe's only command);
   * Redis's clock is read once per new epoch, its age counted on from there. An epoch written
   * without a time (an older version) is as old as Redis's clock.
   */
  public synchronized Epoch epoch() {
    String key = key("epoch");
    String id = call(c -> c.get(key));
    long nowMillis;
    if (id == null) {
      List<?> reply = Replies.list(run(Script.EPOCH, List.of(key),
          List.of(java.util.UUID.randomUUID().toString())));
      id = Replies.text(reply, 0);
      nowMillis = Long.parseLong(Replies.text(reply, 1));
    } else if (id.equals(seenEpoch)) {
      return new Epoch(id, seenAge.plusNanos(System.nanoTime() - seenAtNanos));
    } else {
      List<String> time = call(RedisClusterCommands::time);
      nowMillis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
    seenEpoch = id;
    seenAge = java.time.Duration.ofMillis(Math.max(0, nowMillis - began(id)));
    seenAtNanos = System.nanoTime();
    return new Epoch(id, seenAge);
  }

  /** When an epoch began (Redis's ms, after its '@'); 0 when it does not say. */
  private static long began(String epoch) {
    int at = epoch.lastIndexOf('@');
    try {
      return at < 0 ? 0 : Long.parseLong(epoch.substring(at + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * From now on every fenced script runs only while Redis has {@code id}: the probe adopts a new
   * epoch once this replica has stopped using Redis for the restart (and before it rebuilds).
   */
  public void adopt(String id) {
    epoch = id;
  }

  /** Throws {@link StoreUnavailableException} unless Redis answers now. */
  public void ping() {
    call(RedisClusterCommands::ping);
  }

  private void loadScripts() {
    for (Script script : Script.values()) {
      digests.put(script, call(c -> c.scriptLoad(script.source())));
    }
  }

  private static boolean isOutage(RedisCommandExecutionException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return OUTAGE_REPLIES.stream().anyMatch(message::startsWith);
  }

  private StoreUnavailableException unavailable(RuntimeException e) {
    return new StoreUnavailableException("Redis unavailable (" + e.getClass().getSimpleName()
        + "): " + e.getMessage(), e);
  }

  @Override
  public void close() {
    closed = true;
    try {
      link.connection().close();
    } catch (Exception e) {
      // closing anyway
    } finally {
      link.shutdown().run();
    }
  }

  @Override
  public String toString() {
    return "RedisConnection[" + settings + "]";
  }
}
