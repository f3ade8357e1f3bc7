package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import dev.tollgate.app.config.ServerLimits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import dev.tollgate.service.AdmissionSettings;
import dev.tollgate.service.Tollgate;
import dev.tollgate.wire.openai.RequestParser;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Admission takes a parallel slot and a budget hold; whatever fails after it (the body rewrite,
 * the data plane, its answer, the relay) gives both back at once, not after their 15-minute TTL.
 * The key allows one request in flight, so a leaked slot shows as a 429 on the next call.
 */
class AdmissionGivenBackOnFailureTest {

  /** Where, after admission, the request breaks. */
  enum Step { REWRITE, SEND, HEAD, ERROR_BODY, WHOLE_BODY, WHOLE_USAGE, STREAM_BODY, STREAM_USAGE }

  private static final ModelName MODEL = ModelName.of("m");
  private static final String ANSWER = "{\"choices\":[{\"message\":{\"content\":\"hi\"}}],"
      + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
  private static final String EVENTS = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
      + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,"
      + "\"total_tokens\":7}}\n\ndata: [DONE]\n\n";

  private volatile Step failAt;
  private Tollgate tollgate;
  private WebServer server;
  private IssuedKey key;

  @BeforeEach
  void start() {
    tollgate = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, 1_000));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("2.00"))));
    key = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));
    Scope scope = Scope.key(key.key().id());
    tollgate.budgets().setBudget(Budget.of(scope, Money.usd("1.00"), BudgetPeriod.monthly()));
    tollgate.limits().setParallelLimit(new ParallelLimit(scope, 1));
    ObjectMapper mapper = new RewriteFailingMapper();
    Gateway gw = new Gateway(tollgate, new BreakingDataPlane(), mapper,
        new RequestParser(mapper, AdmissionSettings.DEFAULT_MAX_CHOICES),
        new TokenCounter(ServerLimits.DEFAULTS.maxTokenizedChars(), new SecureRandom()),
        new RequestIds(Clock.systemUTC(), new SecureRandom()),
        new BodyBuffer(ServerLimits.DEFAULTS.maxBufferedBodyBytes(), ServerLimits.DEFAULTS.bufferWait()),
        1 << 20, 1 << 20,
        Duration.ofSeconds(5));
    server = WebServer.builder().host("127.0.0.1").port(0)
        .routing(r -> r.post("/v1/chat/completions", new ProxyHandler(Endpoint.CHAT_COMPLETIONS, gw))
            .error(Exception.class, (req, res, e) -> Responses.error(res,
                new ApiError(500, "server_error", "internal_error", "failed", null, Optional.empty()))))
        .build().start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aFailureAfterAdmissionGivesBackTheSlotAndTheHold(Step step) throws Exception {
    boolean stream = step.name().startsWith("STREAM");
    failAt = step;
    for (int i = 0; i < 3; i++) {
      int status = call(stream).statusCode();
      assertThat(status).as("attempt %d at %s", i, step).isNotEqualTo(429).isNotEqualTo(200);
    }
    assertThat(held()).isEqualTo(Money.ZERO);

    failAt = null;
    HttpResponse<String> ok = call(stream);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(held()).isEqualTo(Money.ZERO);
  }

  private Money held() {
    return tollgate.spend().budget(Scope.key(key.key().id())).orElseThrow().held();
  }

  private HttpResponse<String> call(boolean stream) throws Exception {
    String body = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + key.secret().reveal())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException brokenStream) {
      return new BrokenResponse(); // a stream cut after its head: not a 200 to the client
    }
  }

  private boolean failing(Step step) {
    return failAt == step;
  }

  private final class RewriteFailingMapper extends ObjectMapper {
    @Override
    public byte[] writeValueAsBytes(Object value) throws JsonProcessingException {
      if (failing(Step.REWRITE)) {
        throw new IllegalStateException("rewrite failed");
      }
      return super.writeValueAsBytes(value);
    }
  }

  private final class BreakingDataPlane implements DataPlane {
    @Override
    public String name() {
      return "breaking";
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
      if (failing(Step.SEND)) {
        throw new IllegalStateException("send failed");
      }
      int status = failing(Step.ERROR_BODY) ? 500 : 200;
      byte[] body = (request.stream() ? EVENTS : ANSWER).getBytes(StandardCharsets.UTF_8);
      return new UpstreamResponse() {
        @Override
        public UpstreamResponseHead head() {
          if (failing(Step.HEAD)) {
            throw new IllegalStateException("head failed");
          }
          return new UpstreamResponseHead(status, Map.of("content-type",
              List.of(request.stream() ? "text/event-stream" : "application/json")));
        }

        @Override
        public InputStream body() {
          if (failing(Step.WHOLE_BODY) || failing(Step.STREAM_BODY)) {
            return new InputStream() {
              @Override
              public int read() {
                throw new IllegalStateException("body failed");
              }
            };
          }
          return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Optional<dev.tollgate.domain.usage.MessagesUsage> messagesUsageIn(
        byte[] json, int offset, int length) {
      return Optional.empty();
    }

    @Override
    public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
      if (failing(Step.WHOLE_USAGE) || failing(Step.STREAM_USAGE)) {
        throw new IllegalStateException("usage failed");
      }
      String text = new String(json, offset, length, StandardCharsets.UTF_8);
      return text.contains("\"usage\"") ? Optional.of(TokenUsage.of(5, 2)) : Optional.empty();
    }

    @Override
    public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
      throw new IllegalStateException("error mapping failed");
    }
  }

  /** What the client saw of a stream cut after its head. */
  private static final class BrokenResponse implements HttpResponse<String> {
    @Override public int statusCode() { return -1; }
    @Override public HttpRequest request() { return null; }
    @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
    @Override public java.net.http.HttpHeaders headers() { return null; }
    @Override public String body() { return ""; }
    @Override public Optional<javax.net.ssl.SSLSession> sslSession() { return Optional.empty(); }
    @Override public URI uri() { return null; }
    @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
  }
}
