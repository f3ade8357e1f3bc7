package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Served models at run time: the platform administrator adds, changes and removes them; a tenant
 * admin lists those its tenant may use. A price given with a model is a price version from now on
 * (the price catalog's own history, never edited). Configured models are changed in configuration:
 * a run-time change to one is a conflict, since the next start would undo it.
 */
public interface ManageModels {

  /** What a model name may be: what tenants put in {@code model}, path-safe, no spaces. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+=\\-]*(/[A-Za-z0-9._:@+=\\-]+)*");

  /**
   * Every model, by name; with {@code tenant} (a tenant admin: always its own), those the tenant's
   * policy allows. Another tenant's is not found for a tenant admin.
   */
  AdminResult<List<ModelEntry>> models(Actor actor, Optional<TenantId> tenant);

  AdminResult<ModelEntry> model(Actor actor, ModelName name);

  /** Adds a model served from now on, with its price when one is given. */
  AdminResult<ModelEntry> addModel(Actor actor, AddModel command);

  /** Changes the fields given; a price given is a new price version in force from now. */
  AdminResult<ModelEntry> updateModel(Actor actor, ModelChange change);

  /**
   * Stops serving the model: requests already admitted finish and are priced as admitted; later
   * ones are refused as for an unknown model. Its price versions stay (spend history refers to
   * them; a model added again under the name is priced by them unless given a new price).
   */
  AdminResult<ModelEntry> removeModel(Actor actor, ModelName name);

  /** A model to add and, optionally, its price from now on. */
  record AddModel(ModelSpec spec, Optional<TokenPrices> price) {

    public AddModel {
      if (spec == null || price == null) {
        throw new IllegalArgumentException("spec and price are required");
      }
    }
  }

  /** The fields of a model to change; an empty one is left as it is. */
  record ModelChange(ModelName name, Optional<ModelName> upstreamName,
      OptionalLong maxOutputTokens, Optional<TokenPrices> price) {

    public ModelChange {
      if (name == null || upstreamName == null || maxOutputTokens == null || price == null) {
        throw new IllegalArgumentException("every field of a model change is required");
      }
    }
  }

  /** A served model and the price in force now, if it has one (it is not callable without). */
  record ModelEntry(ServedModel model, Optional<PriceVersion> price) {}

  /** Whether {@code name} may name a model; an empty answer is the reason it may not. */
  static Optional<String> checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > ModelName.MAX_LENGTH) {
      return Optional.of("a model name is 1.." + ModelName.MAX_LENGTH + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of("a model name is letters, digits and . _ : @ + = - in segments separated"
          + " by single '/', starting with a letter or digit");
    }
    for (String segment : name.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("a model name has no '.' or '..' segment (a URL path would drop it)");
      }
    }
    return Optional.empty();
  }
}
