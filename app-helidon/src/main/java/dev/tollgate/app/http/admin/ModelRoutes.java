package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.delete;
import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.patch;
import static dev.tollgate.app.http.admin.AdminRoute.post;
import static dev.tollgate.app.http.admin.AdminRoute.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ManageModels;
import dev.tollgate.port.in.admin.ManageModels.AddModel;
import dev.tollgate.port.in.admin.ManageModels.ModelChange;
import dev.tollgate.port.in.admin.ManageModels.ModelEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code /admin/v1/models}: served models at run time (docs/admin.md, "Models"). A model's name may
 * hold '/' ({@code meta-llama/Llama-3.1-8B}): the {@code {model}} parameter takes the rest of the
 * path ({@link AdminRoute#pattern()}).
 */
final class ModelRoutes {

  /** What a model gets when no output cap is given: configuration's default too. */
  static final long DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

  private static final Set<String> CHANGE_FIELDS = Set.of("upstream", "max_output_tokens", "price");
  private static final Set<String> ADD_FIELDS =
      Set.of("name", "upstream", "max_output_tokens", "price");

  private final ManageModels models;
  private final AdminJson json;

  ModelRoutes(ManageModels models, AdminJson json) {
    this.models = models;
    this.json = json;
  }

  List<AdminRoute> routes() {
    String m = "/admin/v1/models";
    return List.of(
        get(m, this::list),
        post(m, this::add),
        get(m + "/{model}", c -> c.reply(models.model(c.actor(), name(c)), 200, this::view)),
        put(m + "/{model}", c -> change(c, true)),
        patch(m + "/{model}", c -> change(c, false)),
        delete(m + "/{model}", c -> c.reply(models.removeModel(c.actor(), name(c)), 200,
            this::view)));
  }

  private void list(AdminCall c) {
    c.onlyQuery(Set.of("tenant"));
    Optional<TenantId> tenant = c.query("tenant", 128).map(t -> Fields.tenant("tenant", t));
    c.reply(models.models(c.actor(), tenant), 200, entries -> {
      ArrayNode data = json.array();
      entries.forEach(e -> data.add(view(e)));
      return json.list(data, false);
    });
  }

  private void add(AdminCall c) throws Bodies.TooLarge {
    JsonBody b = c.body(ADD_FIELDS);
    String text = b.text("name", ModelName.MAX_LENGTH);
    Optional<String> bad = ManageModels.checkName(text);
    if (bad.isPresent()) {
      throw new BadField("name", "Invalid 'name': " + bad.get() + ".");
    }
    ModelName name = ModelName.of(text);
    ModelSpec spec = new ModelSpec(name, upstream(b).orElse(name),
        cap(b).orElse(DEFAULT_MAX_OUTPUT_TOKENS));
    c.reply(models.addModel(c.actor(), new AddModel(spec, price(b))), 201, this::view);
  }

  /**
   * PUT sets the upstream and the cap as an add would (their defaults when absent); PATCH changes
   * only those given. A price in either is a new price version from now.
   */
  private void change(AdminCall c, boolean replace) throws Bodies.TooLarge {
    ModelName name = name(c);
    JsonBody b = c.body(CHANGE_FIELDS);
    Optional<ModelName> upstream = upstream(b);
    OptionalLong cap = cap(b).map(OptionalLong::of).orElse(OptionalLong.empty());
    if (replace) {
      upstream = Optional.of(upstream.orElse(name));
      cap = OptionalLong.of(cap.orElse(DEFAULT_MAX_OUTPUT_TOKENS));
    }
    c.reply(models.updateModel(c.actor(), new ModelChange(name, upstream, cap, price(b))), 200,
        this::view);
  }

  private static Optional<ModelName> upstream(JsonBody b) {
    return b.optionalText("upstream", ModelName.MAX_LENGTH)
        .map(u -> Fields.model("upstream", u));
  }

  private static Optional<Long> cap(JsonBody b) {
    return b.optionalLong("max_output_tokens", 1, ModelSpec.MAX_OUTPUT_TOKENS_CEILING);
  }

  private static Optional<TokenPrices> price(JsonBody b) {
    if (!b.has("price") || b.isNull("price")) {
      return Optional.empty();
    }
    return Optional.of(PriceFields.read(b.object("price", PriceFields.RATES), "price."));
  }

  private static ModelName name(AdminCall c) {
    return Fields.model("model", c.path("model"));
  }

  private ObjectNode view(ModelEntry e) {
    ObjectNode n = json.object().put("object", "model").put("name", e.model().name().value())
        .put("upstream", e.model().spec().upstreamName().value())
        .put("max_output_tokens", e.model().spec().maxOutputTokens())
        .put("origin", e.model().origin().wireName())
        .put("added_at", e.model().addedAt().toString());
    if (e.price().isPresent()) {
      n.set("price", json.price(e.price().get()));
    } else {
      n.putNull("price");
    }
    return n;
  }
}
