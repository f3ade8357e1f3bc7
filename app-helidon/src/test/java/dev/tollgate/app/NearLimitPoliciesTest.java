package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant policies near a budget's limit, end to end: set through the admin API, applied at
 * admission, and seen by a recording upstream behind the agentgateway adapter.
 */
class NearLimitPoliciesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANSWER = "{\"id\":\"x\",\"object\":\"chat.completion\","
      + "\"model\":\"sim-small\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
  /** sim-small: 100 nano-USD a prompt token, 400 an output token; ~100 output tokens' worth. */
  private static final Money SMALL_BUDGET = Money.ofNanoUsd(41_000);

  private record Seen(String objective, JsonNode body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer upstream = recordingUpstream();
  private final GatewayHarness gateway = GatewayHarness.agentgateway(
      URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
  private final AdminClient admin = new AdminClient(gateway.base());

  @AfterEach
  void stop() {
    gateway.close();
    upstream.stop(0);
  }

  @Test
  void a_clamping_tenant_gets_a_200_with_max_tokens_lowered_to_what_its_budget_can_pay() {
    IssuedKey key = keyOf(tenant("shop", "\"budget_exhausted_action\":\"clamp\","
        + "\"min_output_tokens\":16"), SMALL_BUDGET);

    HttpResponse<String> res = chat(key, ",\"max_tokens\":4000");

    assertThat(res.statusCode()).isEqualTo(200);
    long clamped = Long.parseLong(
        res.headers().firstValue("x-tollgate-max-tokens-clamped").orElseThrow());
    assertThat(clamped).isBetween(16L, 103L); // 41,000 nano pay at most 102 tokens out
    assertThat(seen).singleElement().satisfies(s -> {
      assertThat(s.body().get("max_tokens").asLong()).isEqualTo(clamped);
      assertThat(s.body().has("max_completion_tokens")).isFalse();
    });
    // settled before the answer went out: the spend is in the ledger and within the budget
    assertThat(gateway.tollgate().spend().entries(SpendQuery.forKey(key.key().owner().tenant(),
            key.key().id(), Instant.EPOCH, Instant.now().plusSeconds(60)), 0, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.cost()).isLessThanOrEqualTo(SMALL_BUDGET));
  }

  @Test
  void a_request_without_a_bound_gets_the_endpoints_own_field() {
    IssuedKey key = keyOf(tenant("shop", "\"budget_exhausted_action\":\"clamp\""), SMALL_BUDGET);

    HttpResponse<String> res = chat(key, "");

    assertThat(res.statusCode()).isEqualTo(200);
    String clamped = res.headers().firstValue("x-tollgate-max-tokens-clamped").orElseThrow();
    assertThat(seen).singleElement().satisfies(s ->
        assertThat(s.body().get("max_completion_tokens").asText()).isEqualTo(clamped));
  }

  @Test
  void a_refusing_tenant_gets_429_as_before_and_nothing_reaches_the_upstream() {
    IssuedKey key = keyOf(tenant("shop", "\"budget_exhausted_action\":\"refuse\""), SMALL_BUDGET);

    HttpResponse<String> res = chat(key, ",\"max_tokens\":4000");

    assertThat(res.statusCode()).isEqualTo(429);
    assertThat(res.body()).contains("insufficient_quota");
    assertThat(res.headers().firstValue("x-tollgate-max-tokens-clamped")).isEmpty();
    assertThat(seen).isEmpty();
  }

  @Test
  void a_clamp_below_the_minimum_output_is_refused() {
    IssuedKey key = keyOf(tenant("shop", "\"budget_exhausted_action\":\"clamp\","
        + "\"min_output_tokens\":500"), SMALL_BUDGET);

    assertThat(chat(key, ",\"max_tokens\":4000").statusCode()).isEqualTo(429);
    assertThat(seen).isEmpty();
  }

  @Test
  void a_demoted_tenant_past_its_soft_budget_is_sent_with_the_sheddable_objective() {
    TenantId shop = tenant("shop", "\"objective\":\"standard\",\"soft_budget_action\":\"demote\"");
    gateway.tollgate().budgets().setBudget(new Budget(Scope.tenant(shop), Money.usd("1"),
        BudgetPeriod.monthly(), Optional.of(Money.ofNanoUsd(1))));
    IssuedKey key = keyOf(shop, null);

    assertThat(chat(key, ",\"max_tokens\":10").statusCode()).isEqualTo(200); // posts > 1 nano
    HttpResponse<String> demoted = chat(key, ",\"max_tokens\":10");

    assertThat(demoted.statusCode()).isEqualTo(200);
    assertThat(seen).extracting(Seen::objective).containsExactly("standard", "sheddable");
  }

  @Test
  void a_clamped_stream_carries_the_header_and_the_simulator_stops_at_the_bound() throws Exception {
    try (GatewayHarness simulated = GatewayHarness.simulated(java.time.Duration.ZERO)) {
      AdminClient simAdmin = new AdminClient(simulated.base());
      assertThat(simAdmin.post("/admin/v1/tenants", GatewayHarness.MASTER_KEY,
          "{\"id\":\"shop\",\"name\":\"shop\",\"budget_exhausted_action\":\"clamp\"}")
          .status()).isEqualTo(201);
      IssuedKey key = simulated.tollgate().issueKey()
          .issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("shop")), "k"));
      simulated.tollgate().budgets().setBudget(
          Budget.of(Scope.key(key.key().id()), SMALL_BUDGET, BudgetPeriod.monthly()));

      HttpResponse<String> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(simulated.base() + "/v1/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\","
                  + "\"prompt\":\"write a long story\",\"max_tokens\":4000,\"stream\":true,"
                  + "\"stream_options\":{\"include_usage\":true}}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      long clamped = Long.parseLong(
          res.headers().firstValue("x-tollgate-max-tokens-clamped").orElseThrow());
      assertThat(clamped).isBetween(64L, 103L);
      JsonNode usage = JSON.readTree(res.body().lines().filter(l -> l.contains("\"usage\":{"))
          .reduce((a, b) -> b).orElseThrow().substring("data: ".length())).path("usage");
      assertThat(usage.path("completion_tokens").asLong()).isLessThanOrEqualTo(clamped);
    }
  }

  /** Creates a tenant through the admin API with the given extra fields. */
  private TenantId tenant(String id, String fields) {
    AdminClient.Reply reply = admin.post("/admin/v1/tenants", GatewayHarness.MASTER_KEY,
        "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"," + fields + "}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return TenantId.of(id);
  }

  private IssuedKey keyOf(TenantId tenant, Money budget) {
    IssuedKey key = gateway.tollgate().issueKey()
        .issue(IssueKeyCommand.forOwner(Owner.tenant(tenant), "k"));
    if (budget != null) {
      gateway.tollgate().budgets().setBudget(
          Budget.of(Scope.key(key.key().id()), budget, BudgetPeriod.monthly()));
    }
    return key;
  }

  private HttpResponse<String> chat(IssuedKey key, String bound) {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\","
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + bound + "}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpServer recordingUpstream() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        seen.add(new Seen(exchange.getRequestHeaders().getFirst("x-llm-d-inference-objective"),
            JSON.readTree(exchange.getRequestBody().readAllBytes())));
        byte[] out = ANSWER.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
