import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of Tollgate's own stack as a proxy: Helidon's server, configured as Tollgate
 * configures it (TCP_NODELAY, its write buffer), with Tollgate's data-plane transport
 * ({@code HttpTransport}) behind it, forwarding {@code POST /v1/chat/completions} unchanged, with
 * nothing in between: no key, no parse, no admission, no settlement, no journal, no log, no
 * metrics. Whatever a request costs here, Tollgate cannot cost less on this stack; what Tollgate
 * costs above it is its own work.
 *
 * <pre>
 *   java -cp 'app/tollgate.jar:app/libs/*' benchmarks/load/StackFloor.java PORT UPSTREAM_BASE_URL
 * </pre>
 *
 * A JSON answer is read whole and sent with its length, as Tollgate sends it; a stream is relayed
 * with one flush per read, as Tollgate's relay does. Loopback only. {@code run.sh} starts it as
 * the target {@code stack-floor} when {@code STACK_FLOOR=1}.
 */
public class StackFloor {

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    URI base = URI.create(args[1]);
    if (!"127.0.0.1".equals(base.getHost())) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    HttpTransport transport = new HttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(30));
    AtomicLong ids = new AtomicLong();
    WebServer server = WebServer.builder()
        .host("127.0.0.1")
        .port(port)
        .connectionOptions(socket -> socket.tcpNoDelay(true))
        .writeBufferSize(512) // TollgateServer.STREAM_WRITE_BUFFER_BYTES
        .routing(r -> r.post("/v1/chat/completions", (req, res) -> {
          byte[] body = req.content().inputStream().readAllBytes();
          UpstreamRequest outbound = new UpstreamRequest(Endpoint.CHAT_COMPLETIONS, body, false,
              RequestId.of("floor-" + ids.incrementAndGet()), ModelName.of("gpt-4o-mini"),
              TenantId.of("floor"), Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
          try (UpstreamResponse upstream = transport.send(base, outbound, Map.of())) {
            String type = upstream.head().header("content-type").orElse("application/json");
            res.status(upstream.head().status());
            res.header(HeaderNames.CONTENT_TYPE, type);
            if (!type.startsWith("text/event-stream")) {
              res.send(upstream.body().readAllBytes());
              return;
            }
            try (InputStream in = upstream.body(); OutputStream out = res.outputStream()) {
              byte[] buffer = new byte[16 * 1024];
              int n;
              while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
              }
            }
          }
        }))
        .build()
        .start();
    System.out.println("stack floor listening on :" + server.port() + " -> " + base
        + " (pid " + ProcessHandle.current().pid() + ")");
  }
}
