package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https: the handshake, the server's name checked against its certificate, keep-alive reuse. */
class HttpTransportTlsTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path dir;

  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private HttpsServer server;
  private SSLContext trusting;

  @BeforeEach
  void start() throws Exception {
    KeyStore keys = selfSigned(dir.resolve("server.p12"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] body = "{\"ok\":true}".getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void anHttpsUpstreamIsReachedAndItsConnectionReused() throws Exception {
    try (HttpTransport transport = new HttpTransport(Duration.ofSeconds(5), GENEROUS,
        HttpTransport.DEFAULT_MAX_IDLE, 8, trusting.getSocketFactory())) {
      for (int i = 0; i < 3; i++) {
        try (UpstreamResponse response = transport.send(base(), request(), Map.of())) {
          assertThat(response.head().status()).isEqualTo(200);
          assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo("{\"ok\":true}");
        }
      }
    }
    assertThat(clientPorts).hasSize(3);
    assertThat(clientPorts.stream().distinct()).as("one kept-alive connection").hasSize(1);
  }

  @Test
  void anHttpsUpstreamSlowerThanTheTimeoutIsATimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.createContext("/slow", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        release.await(10, TimeUnit.SECONDS);
        exchange.sendResponseHeaders(204, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (HttpTransport transport = new HttpTransport(Duration.ofSeconds(5), GENEROUS,
        HttpTransport.DEFAULT_MAX_IDLE, 8, trusting.getSocketFactory())) {
      assertThatThrownBy(() -> transport.send(URI.create(base() + "/slow"),
              request(Duration.ofMillis(300)), Map.of()))
          .isInstanceOfSatisfying(DataPlaneException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCertificateTheClientDoesNotTrustIsUnreachable() {
    try (HttpTransport transport = new HttpTransport(Duration.ofSeconds(5), GENEROUS)) {
      assertThatThrownBy(() -> transport.send(base(), request(), Map.of()))
          .isInstanceOfSatisfying(DataPlaneException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    }
  }

  private URI base() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private static dev.tollgate.port.out.UpstreamRequest request() {
    return request(GENEROUS);
  }

  private static dev.tollgate.port.out.UpstreamRequest request(Duration timeout) {
    return LoopbackServer.request(Endpoint.CHAT_COMPLETIONS, "{}", false, Optional.empty(),
        Optional.empty(), timeout);
  }

  /** A key pair and self-signed certificate for 127.0.0.1, made by the running JDK's keytool. */
  private static KeyStore selfSigned(Path file) throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path keytool = java.resolveSibling(java.getFileName().toString().replace("java", "keytool"));
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(file)) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
