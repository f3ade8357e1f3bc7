package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.app.config.CorsSettings;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1} called from web pages of other origins in a real browser (headless Chromium driven
 * by {@code console/e2e/cors.e2e.mjs}): a page on the listed origin makes plain, streamed and
 * Anthropic-style calls and reads an error and the response headers; a page on another origin
 * (the same page server under another host name) is stopped by the browser at the preflight and
 * spends nothing. Needs what {@link ConsoleBrowserTest} needs.
 */
class CorsBrowserTest {

  private HttpServer pages;

  @BeforeEach
  void servePages() throws Exception {
    pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = "<!doctype html><title>a tenant's app</title><p>calls Tollgate from here"
        .getBytes(StandardCharsets.UTF_8);
    pages.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    pages.start();
  }

  @AfterEach
  void stopPages() {
    pages.stop(0);
  }

  @Test
  void a_listed_origins_page_calls_v1_and_reads_its_answers_another_origins_page_cannot()
      throws Exception {
    ConsoleBrowserTest.requireBrowser();
    int port = pages.getAddress().getPort();
    String allowed = "http://127.0.0.1:" + port;
    String other = "http://localhost:" + port; // another origin: the host differs
    CorsSettings cors = new CorsSettings(List.of(allowed), Duration.ofMinutes(10));
    try (GatewayHarness gw = GatewayHarness.simulated(StoreSettings.memory(),
        c -> c.withServer(c.server().withCors(cors)))) {
      IssuedKey key = gw.key(Money.usd("5.00"), 60L, null, null);
      ConsoleBrowserTest.Result r = ConsoleBrowserTest.node(
          ConsoleBrowserTest.consoleDir().resolve("e2e/cors.e2e.mjs"), gw.base(),
          Path.of("target", "cors-e2e").toAbsolutePath(),
          Map.of("TOLLGATE_KEY", key.secret().reveal(), "PAGE_ALLOWED", allowed + "/",
              "PAGE_OTHER", other + "/"));

      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("every step held");
      // the plain, the streamed and the messages call; the other origin's never left the browser
      assertThat(gw.awaitLedger(key, 3)).hasSize(3);
    }
  }
}
