package dev.tollgate.adapter.redis;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One multiplexed Lettuce connection (thread-safe: every store and thread shares it), the
 * scripts loaded once, and the one place Lettuce's exceptions become the port's: a Redis that
 * does not answer in time, refuses the connection or is failing over is
 * {@link StoreUnavailableException}; an error reply to one call (a script refusing a value) is
 * {@link StoreRefusedException}.
 */
public final class RedisConnection implements AutoCloseable {

  /** Error replies that mean the server cannot serve now (loading, a replica, failing over). */
  private static final List<String> OUTAGE_REPLIES =
      List.of("LOADING", "READONLY", "MASTERDOWN", "BUSY", "CLUSTERDOWN", "TRYAGAIN", "NOAUTH");

  private final RedisSettings settings;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final Map<Script, String> digests = new EnumMap<>(Script.class);
  private final String prefix;

  private RedisConnection(RedisSettings settings, RedisClient client,
      StatefulRedisConnection<String, String> connection) {
    this.settings = settings;
    this.client = client;
    this.connection = connection;
    this.commands = connection.sync();
    this.prefix = "{" + settings.keyPrefix() + "}";
  }

  /**
   * Connects and loads every script; fails with a {@link StoreUnavailableException} that names
   * the (redacted) URI when Redis cannot be reached.
   */
  public static RedisConnection open(RedisSettings settings) {
    RedisURI uri;
    try {
      uri = RedisURI.create(settings.uri());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redis URI: " + settings, e);
    }
    settings.password().ifPresent(p -> uri.setAuthentication(p.toCharArray()));
    // Opening and loading the scripts may take longer on a cold JVM than a call may later.
    uri.setTimeout(settings.connectTimeout());
    RedisClient client = RedisClient.create();
    client.setOptions(ClientOptions.builder()
        // Fail calls at once while disconnected instead of queueing them behind the reconnect.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        // Every command (sync or async) times out at the connection's timeout, set below.
        .timeoutOptions(TimeoutOptions.enabled())
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .build());
    try {
      RedisConnection opened = new RedisConnection(settings, client, client.connect(uri));
      opened.loadScripts();
      opened.connection.setTimeout(settings.commandTimeout());
      return opened;
    } catch (RuntimeException e) {
      client.shutdown();
      throw new StoreUnavailableException(
          "Redis is unreachable or refused us (" + settings + "): " + e.getMessage(), e);
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

  /** Runs a script by its digest, sending its source only when the server has lost it. */
  Object run(Script script, List<String> keys, List<String> args) {
    String[] k = keys.toArray(String[]::new);
    String[] a = args.toArray(String[]::new);
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
  <T> T call(Function<RedisCommands<String, String>, T> call) {
    try {
      return call.apply(commands);
    } catch (RedisCommandExecutionException e) {
      throw isOutage(e) ? unavailable(e) : new StoreRefusedException(
          "Redis refused a call: " + e.getMessage(), e);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** Throws {@link StoreUnavailableException} unless Redis answers now. */
  public void ping() {
    call(RedisCommands::ping);
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
    try {
      connection.close();
    } finally {
      client.shutdown();
    }
  }

  @Override
  public String toString() {
    return "RedisConnection[" + settings + "]";
  }
}
