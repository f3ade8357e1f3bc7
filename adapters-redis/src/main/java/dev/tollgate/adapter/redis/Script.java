package dev.tollgate.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts, each one atomic server-side step, with the shared helpers prepended; those of
 * the request path also get the steps as functions (steps.lua), which ADMIT and FINISH chain.
 * Every one but {@link #EPOCH} runs behind the epoch fence (fence.lua): {@link RedisConnection}
 * appends the epoch key and the epoch it last adopted, and a Redis with another epoch refuses it.
 */
enum Script {
  RATE_ACQUIRE("rate_acquire", true),
  RATE_ADJUST("rate_adjust", true),
  RATE_USAGE("rate_usage", true),
  RATE_PUT("rate_put", true),
  SLOT_ACQUIRE("slot_acquire", true),
  SLOT_RELEASE("slot_release", true),
  PLACE_HOLD("place_hold", true),
  SETTLE("settle", true),
  ADMIT("admit", true),
  FINISH("finish", true),
  RELEASE_HOLD("release_hold", false),
  RELEASE_HOLDS("release_holds", false),
  EXPIRE_HOLDS("expire_holds", false),
  SNAPSHOTS("snapshots", false),
  SEED_BUDGET("seed_budget", false),
  SEED_LIMIT("seed_limit", false),
  /** The probe's epoch read (and write, when Redis has none): the one script not fenced. */
  EPOCH("epoch", false);

  private final String source;

  Script(String name, boolean steps) {
    this.source = (name.equals("epoch") ? "" : read("fence"))
        + read("common") + (steps ? read("rate_common") + read("steps") : "") + read(name);
  }

  /** Whether the script expects the epoch key and the expected epoch last (fence.lua). */
  boolean fenced() {
    return this != EPOCH;
  }

  String source() {
    return source;
  }

  private static String read(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
