package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a live Redis that speaks only TLS ({@code redis-server --port 0
 * --tls-port}, a self-signed certificate made by {@code openssl} for the test): the peer is
 * verified by default, so an untrusted certificate stops the start, and with verification
 * turned off in the URI the stores work over the encrypted connection. A deployment's private
 * CA goes into the JVM's trust store (docs/gateway.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTlsIT {

  private Process redis;
  private int port;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    LocalTools.require("TLS test", "redis-server", "openssl");
    Process cert = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost", "-days", "1",
        "-addext", "subjectAltName=IP:127.0.0.1").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    assertThat(cert.waitFor(60, TimeUnit.SECONDS) && cert.exitValue() == 0).as("openssl").isTrue();
    port = LocalTools.freePort();
    redis = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
        "--bind", "127.0.0.1", "--tls-cert-file", "cert.pem", "--tls-key-file", "key.pem",
        "--tls-ca-cert-file", "cert.pem", "--tls-auth-clients", "no", "--save", "",
        "--appendonly", "no").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
    for (int attempt = 0; attempt < 100 && !listening(port); attempt++) {
      Thread.sleep(100);
    }
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (redis != null) {
      redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUntrustedCertificateStopsTheStart() {
    assertThatThrownBy(() -> RedisStores.open(RedisSettings.of("rediss://127.0.0.1:" + port)
        .withKeyPrefix("test-" + UUID.randomUUID())).close())
        .isInstanceOf(RuntimeException.class)
        .hasStackTraceContaining("SSLHandshakeException"); // the same server, verified: refused
  }

  @Test
  void theStoresWorkOverTls() {
    Scope scope = new Scope.Tenant(TenantId.of("tls"));
    try (RedisStores stores = RedisStores.open(
        RedisSettings.of("rediss://127.0.0.1:" + port + "?verifyPeer=NONE")
            .withKeyPrefix("test-" + UUID.randomUUID()))) {
      stores.ping();
      Budget budget = Budget.of(scope, Money.usd("12.5"), BudgetPeriod.monthly());
      stores.budgets().putBudget(budget);
      assertThat(stores.budgets().budgetOf(scope)).contains(budget);
    }
  }

  private static boolean listening(int port) {
    try (var s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }


}
