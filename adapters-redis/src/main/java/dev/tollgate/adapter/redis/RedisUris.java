package dev.tollgate.adapter.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tollgate.redis.url} as Lettuce reads it: {@code redis://}, {@code rediss://} (TLS),
 * {@code redis-socket://} and {@code redis-sentinel://} through Lettuce's own {@link RedisURI};
 * and a Cluster as {@code redis-cluster://host:port,host2:port} (or {@code rediss-cluster://}),
 * a scheme of ours: the seed nodes a cluster client discovers the topology from.
 */
final class RedisUris {

  private static final String CLUSTER = "redis-cluster://";
  private static final String TLS_CLUSTER = "rediss-cluster://";

  private RedisUris() {}

  static boolean isCluster(String uri) {
    return uri.startsWith(CLUSTER) || uri.startsWith(TLS_CLUSTER);
  }

  /** One URI, or a cluster's seeds; throws {@link IllegalArgumentException} on anything else. */
  static List<RedisURI> parse(String uri) {
    if (!isCluster(uri)) {
      return List.of(RedisURI.create(uri));
    }
    boolean tls = uri.startsWith(TLS_CLUSTER);
    String rest = uri.substring(tls ? TLS_CLUSTER.length() : CLUSTER.length());
    String credentials = "";
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      credentials = rest.substring(0, at + 1);
      rest = rest.substring(at + 1);
    }
    String hosts = rest.split("[/?#]", 2)[0];
    List<RedisURI> seeds = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("an empty host in " + uri);
      }
      seeds.add(RedisURI.create((tls ? "rediss://" : "redis://") + credentials + host.strip()));
    }
    return seeds;
  }
}
