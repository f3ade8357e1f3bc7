package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standalone, TLS, Sentinel (Lettuce's own RedisURI) and Cluster seeds (ours) are all read. */
class RedisUrisTest {

  @Test
  void standaloneTlsAndSentinelAreLettucesOwn() {
    assertThat(RedisUris.parse("redis://cache:6379/2").getFirst().getDatabase()).isEqualTo(2);
    assertThat(RedisUris.parse("rediss://cache:6380").getFirst().isSsl()).isTrue();
    RedisURI sentinel = RedisUris.parse("redis-sentinel://s1:26379,s2:26380/0#mymaster").getFirst();
    assertThat(sentinel.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(sentinel.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380);
    assertThat(RedisUris.isCluster("redis-sentinel://s1:26379#m")).isFalse();
  }

  @Test
  void aClusterIsItsSeedNodes() {
    List<RedisURI> seeds = RedisUris.parse("rediss-cluster://user:pw@n1:7000,n2:7001");

    assertThat(RedisUris.isCluster("redis-cluster://n1:7000")).isTrue();
    assertThat(seeds).extracting(RedisURI::getHost).containsExactly("n1", "n2");
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    assertThat(seeds).allMatch(RedisURI::isSsl);
    assertThat(seeds.getFirst().getCredentialsProvider()).isNotNull();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> RedisUris.parse("redis-cluster://n1:7000,,n2:7001"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisUris.parse("http://cache:6379"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
