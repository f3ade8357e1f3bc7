package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags that name one scope, mixed into every budgets and limits command: {@code --tenant}
 * (with {@code --team}, {@code --end-user} or {@code --tag}), or {@code --key} (with {@code --model}: that model
 * on the key).
 */
final class ScopeOptions {

  @Option(names = "--tenant", paramLabel = "TENANT",
      description = "the tenant's scope (with --team: the team's)")
  Optional<TenantId> tenant = Optional.empty();

  @Option(names = "--team", paramLabel = "TEAM", description = "a team of --tenant")
  Optional<TeamId> team = Optional.empty();

  @Option(names = "--end-user", paramLabel = "USER",
      description = "an end user (the requests' user) of --tenant")
  Optional<EndUserId> endUser = Optional.empty();

  @Option(names = "--tag", paramLabel = "TAG",
      description = "a request tag (metadata.tags, x-tollgate-tags) of --tenant")
  Optional<Tag> tag = Optional.empty();

  @Option(names = "--key", paramLabel = "KEY_ID",
      description = "the key's scope (with --model: that model on the key)")
  Optional<KeyId> key = Optional.empty();

  @Option(names = "--model", paramLabel = "MODEL", description = "one model on --key")
  Optional<ModelName> model = Optional.empty();

  /** The one scope the flags name; naming none or two is a usage error. */
  Scope scope() {
    if (tenant.isPresent() == key.isPresent()) {
      throw new UsageError(
          "name one scope: --tenant T [--team TM | --end-user U | --tag TAG], or --key K [--model M]");
    }
    if (tenant.isPresent()) {
      if (model.isPresent()) {
        throw new UsageError("--model goes with --key, not --tenant");
      }
      if (tag.isPresent()) {
        if (team.isPresent() || endUser.isPresent()) {
          throw new UsageError("--tag, --end-user and --team are each a scope: name one");
        }
        return Scope.tag(tenant.get(), tag.get());
      }
      if (endUser.isPresent()) {
        if (team.isPresent()) {
          throw new UsageError("--end-user and --team are two scopes: name one");
        }
        return Scope.endUser(tenant.get(), endUser.get());
      }
      return team.map(t -> Scope.team(tenant.get(), t)).orElse(Scope.tenant(tenant.get()));
    }
    if (team.isPresent() || endUser.isPresent() || tag.isPresent()) {
      throw new UsageError("--team, --end-user and --tag go with --tenant, not --key");
    }
    return model.map(m -> Scope.keyModel(key.get(), m)).orElse(Scope.key(key.get()));
  }
}
