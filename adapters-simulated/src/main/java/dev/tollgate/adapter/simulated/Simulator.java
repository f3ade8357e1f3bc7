package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A running deterministic OpenAI-compatible model server: {@code POST /v1/chat/completions},
 * {@code /v1/completions}, {@code /v1/embeddings}, {@code /v1/responses} and {@code GET /v1/models},
 * each as JSON and, where the API has it, as server-sent events; vLLM's rerank
 * ({@code POST /v1/rerank}, {@code /rerank}, {@code /v2/rerank}: {@link RerankEndpoint}), the audio
 * API's transcriptions and translations of WAV files ({@link TranscriptionEndpoint}) and score
 * ({@code POST /v1/score}, {@code /score}: {@link ScoreEndpoint}); and Anthropic's Messages API,
 * {@code POST /v1/messages} (with a prompt cache, {@link PromptCache}) and
 * {@code /v1/messages/count_tokens}. Close it to free the port.
 *
 * <p>Test hooks, as request headers: {@code x-sim-fail: 429|500|503|text503} answers that error
 * ({@code 429} and {@code 503} with {@code retry-after: 1}; {@code text503} with a
 * {@code text/plain} body, as a gateway's own rejection); {@code x-sim-tokens: N} (0..4096) sets
 * the reply length in place of {@link SimulatorSettings#defaultMaxTokens()}; the request's own
 * maximum still cuts it.
 */
public final class Simulator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Simulator.class.getName());

  /** A fixed {@code created} for the model list, so that it is byte-for-byte stable. */
  static final long MODELS_CREATED_EPOCH_SECONDS = 1_700_000_000L;

  private final WebServer server;
  private final SimulatorSettings settings;
  private final StreamGauge streams;

  private Simulator(WebServer server, SimulatorSettings settings, StreamGauge streams) {
    this.server = server;
    this.settings = settings;
    this.streams = streams;
  }

  /** Binds and starts a simulator; it serves until {@link #close()}. */
  public static Simulator start(SimulatorSettings settings) {
    Objects.requireNonNull(settings, "settings");
    StreamGauge streams = new StreamGauge();
    WebServer server = WebServer.builder()
        .host(settings.host())
        .port(settings.port())
        .shutdownHook(false)
        .maxPayloadSize(TranscriptionEndpoint.MAX_FORM_BYTES)
        // Each SSE event is its own small write; with Nagle on, the second one waits for the
        // client's delayed ACK (~40 ms on Linux) and a stream crawls.
        .connectionOptions(socket -> socket.tcpNoDelay(true))
        .routing(routing -> route(routing, settings, streams))
        .build()
        .start();
    return new Simulator(server, settings, streams);
  }

  /** The port it listens on, the ephemeral one when settings asked for 0. */
  public int port() {
    return server.port();
  }

  /** The server root, e.g. {@code http://127.0.0.1:41234/}; OpenAI paths start with {@code v1/}. */
  public URI baseUri() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The base URL an OpenAI SDK takes, e.g. {@code http://127.0.0.1:41234/v1}. */
  public URI openAiBaseUri() {
    return baseUri().resolve("v1");
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** Event streams being written right now; a stream whose client left drops out promptly. */
  public int openStreams() {
    return streams.open();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void route(HttpRouting.Builder routing, SimulatorSettings settings, StreamGauge streams) {
    Intake intake = new Intake(settings.models(), Clock.systemUTC());
    PromptCache promptCache = new PromptCache(Clock.systemUTC());
    byte[] models = Wire.bytes(modelList(settings.models()));
    routing
        .post("/v1/chat/completions", guard(new ChatEndpoint(intake, settings, streams)))
        .post("/v1/completions", guard(new CompletionsEndpoint(intake, settings, streams)))
        .post("/v1/embeddings", guard(new EmbeddingsEndpoint(intake)))
        .post("/v1/rerank", guard(new RerankEndpoint(intake)))
        .post("/rerank", guard(new RerankEndpoint(intake)))
        .post("/v2/rerank", guard(new RerankEndpoint(intake)))
        .post("/v1/score", guard(new ScoreEndpoint(intake)))
        .post("/score", guard(new ScoreEndpoint(intake)))
        .post("/v1/responses", guard(new ResponsesEndpoint(intake, settings, streams)))
        .post("/v1/audio/transcriptions", guard(new TranscriptionEndpoint(intake, false, streams)))
        .post("/v1/audio/translations", guard(new TranscriptionEndpoint(intake, true, streams)))
        .post("/v1/messages/count_tokens", anthropic(new CountTokensEndpoint(intake)))
        .post("/v1/messages", anthropic(new MessagesEndpoint(intake, settings, streams, promptCache)))
        .get("/v1/models", guard((req, res) -> {
          Intake.failure(req).ifPresent(reply -> {
            throw new RejectedRequest(reply);
          });
          res.header(HeaderValues.CONTENT_TYPE_JSON);
          res.send(models);
        }));
  }

  /** The one place a rejection or an unexpected failure becomes an HTTP answer. */
  private static Handler guard(Endpoint endpoint) {
    return (req, res) -> {
      try {
        endpoint.serve(req, res);
      } catch (RejectedRequest rejected) {
        rejected.reply().send(res);
      } catch (UncheckedIOException connectionLost) {
        throw connectionLost; // the server closes the connection; nothing to answer
      } catch (RuntimeException bug) {
        LOG.log(Level.WARNING, "simulator endpoint failed", bug);
        if (!res.isSent()) {
          ErrorReply.internal().send(res);
        }
      }
    };
  }

  /** {@link #guard} for Anthropic's routes: a rejection is answered in Anthropic's error shape. */
  private static Handler anthropic(Endpoint endpoint) {
    return guard((req, res) -> {
      try {
        endpoint.serve(req, res);
      } catch (RejectedRequest rejected) {
        throw new RejectedRequest(AnthropicErrorReply.of(rejected.reply()));
      }
    });
  }

  private static ObjectNode modelList(List<String> ids) {
    ObjectNode list = Wire.object().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : ids) {
      data.addObject()
          .put("id", id)
          .put("object", "model")
          .put("created", MODELS_CREATED_EPOCH_SECONDS)
          .put("owned_by", "tollgate-simulator");
    }
    return list;
  }
}
