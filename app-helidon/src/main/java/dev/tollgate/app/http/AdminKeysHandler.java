package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.config.Secret;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.Tollgate;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/v1/keys}, for the master key only: mints a key for a tenant (optionally a
 * team) with its own budget and limits. The secret is in this response and nowhere else, ever.
 * The administration API builds the full surface around this.
 *
 * <pre>{"tenant":"acme","team":"ml","alias":"ci","models":["sim-small"],
 *  "budget":{"limit_usd":"10.00","period":"monthly"},"rpm":60,"tpm":100000,"max_parallel":4}</pre>
 */
public final class AdminKeysHandler implements Handler {

  private final Tollgate tollgate;
  private final Secret masterKey;
  private final ObjectMapper mapper;

  public AdminKeysHandler(Tollgate tollgate, Secret masterKey, ObjectMapper mapper) {
    this.tollgate = tollgate;
    this.masterKey = masterKey;
    this.mapper = mapper;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    if (!Credentials.presentedKey(req).map(masterKey::matches).orElse(false)) {
      Responses.error(res, new ApiError(401, "invalid_request_error", "invalid_admin_key",
          "This route needs the master key.", null, Optional.empty()));
      return;
    }
    try {
      JsonNode body = mapper.readTree(Bodies.read(req, 64 * 1024));
      IssuedKey issued = mint(body);
      ObjectNode out = mapper.createObjectNode()
          .put("id", issued.key().id().value())
          .put("key", issued.secret().reveal())
          .put("tenant", issued.key().owner().tenant().value())
          .put("alias", issued.key().alias())
          .put("hint", issued.key().hint());
      res.status(201).header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(mapper.writeValueAsBytes(out));
    } catch (Bodies.TooLarge e) {
      Responses.error(res, e.toError());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      Responses.error(res, ApiError.invalidRequest("Invalid key request: " + e.getMessage(), null));
    }
  }

  private IssuedKey mint(JsonNode body) {
    TenantId tenant = TenantId.of(text(body, "tenant"));
    Owner owner = body.hasNonNull("team")
        ? Owner.team(tenant, TeamId.of(body.get("team").asText()))
        : Owner.tenant(tenant);
    Set<ModelName> models = new HashSet<>();
    body.path("models").forEach(m -> models.add(ModelName.of(m.asText())));
    Optional<Instant> expires = body.hasNonNull("expires_at")
        ? Optional.of(Instant.parse(body.get("expires_at").asText())) : Optional.empty();
    IssuedKey issued = tollgate.issueKey().issue(
        new IssueKeyCommand(owner, body.path("alias").asText(""), models, expires));
    Scope scope = Scope.key(issued.key().id());
    JsonNode budget = body.path("budget");
    if (budget.hasNonNull("limit_usd")) {
      tollgate.budgets().setBudget(Budget.of(
          scope, Money.usd(budget.get("limit_usd").asText()), period(budget.path("period").asText("monthly"))));
    }
    if (body.hasNonNull("rpm")) {
      tollgate.limits().setRateLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, body.get("rpm").asLong()));
    }
    if (body.hasNonNull("tpm")) {
      tollgate.limits().setRateLimit(RateLimit.perMinute(scope, RateKind.TOKENS, body.get("tpm").asLong()));
    }
    if (body.hasNonNull("max_parallel")) {
      tollgate.limits().setParallelLimit(new ParallelLimit(scope, body.get("max_parallel").asInt()));
    }
    return issued;
  }

  static BudgetPeriod period(String name) {
    return switch (name) {
      case "lifetime", "none" -> BudgetPeriod.lifetime();
      case "daily" -> BudgetPeriod.daily();
      case "weekly" -> BudgetPeriod.weekly();
      case "monthly" -> BudgetPeriod.monthly();
      default -> throw new IllegalArgumentException(
          "period must be one of lifetime, daily, weekly, monthly: " + name);
    };
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return node.asText();
  }
}
