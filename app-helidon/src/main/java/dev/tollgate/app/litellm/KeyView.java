package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.port.in.admin.ScopeLimits;
import java.util.Optional;

/**
 * A key in LiteLLM's shape ({@code /key/info}'s {@code info}, {@code /key/list}'s objects). The
 * {@code token} is Tollgate's key id, not the secret's hash: Tollgate never shows a hash, and every
 * route here that names a key takes the id, the secret, or LiteLLM's hash alike.
 */
final class KeyView {

  private KeyView() {}

  static ObjectNode of(LitellmCall c, VirtualKey k, ScopeLimits limits, Optional<String> budgetId) {
    ObjectNode n = c.object();
    n.put("token", k.id().value());
    n.put("key_name", k.hint().replace("…", "..."));
    n.put("key_alias", k.alias().isEmpty() ? null : k.alias());
    ArrayNode models = n.putArray("models");
    k.allowedModels().stream().map(ModelName::value).sorted().forEach(models::add);
    n.put("user_id", k.metadata().get(KeyRequest.USER_LABEL));
    n.put("team_id", k.owner().team().map(t -> t.value()).orElse(null));
    n.put("organization_id", k.owner().tenant().value());
    n.put("expires", k.expiresAt().map(Object::toString).orElse(null));
    n.put("blocked", k.blocked());
    n.put("created_at", k.createdAt().toString());
    n.put("budget_id", budgetId.orElse(null));
    ObjectNode metadata = n.putObject("metadata");
    k.metadata().entrySet().stream().filter(e -> !e.getKey().startsWith(KeyRequest.RESERVED_PREFIX))
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> metadata.put(e.getKey(), e.getValue()));
    LimitFields.view(c, limits, Optional.ofNullable(k.metadata().get(KeyRequest.DURATION_LABEL)),
        n);
    n.putArray("allowed_routes").add("llm_api_routes");
    n.putArray("tags");
    return n;
  }

  static Scope scope(VirtualKey k) {
    return Scope.key(k.id());
  }
}
