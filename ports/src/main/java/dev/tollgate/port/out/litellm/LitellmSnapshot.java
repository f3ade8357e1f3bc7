package dev.tollgate.port.out.litellm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One consistent read of a LiteLLM database. Ids are LiteLLM's; {@code spend} is LiteLLM's running
 * counter (what its budget checks compare, reset at {@code budget_reset_at}); metadata is the
 * top-level entries of its JSON, non-string values as JSON text.
 *
 * @param notes what the reader could not find (a table an older LiteLLM did not have)
 */
public record LitellmSnapshot(
    List<Organization> organizations,
    List<Team> teams,
    List<User> users,
    List<Key> keys,
    List<EndUser> endUsers,
    List<Model> models,
    List<String> notes) {

  /** The most rows of one table an import reads. */
  public static final int MAX_ROWS = 1_000_000;

  public LitellmSnapshot {
    organizations = List.copyOf(organizations);
    teams = List.copyOf(teams);
    users = List.copyOf(users);
    keys = List.copyOf(keys);
    endUsers = List.copyOf(endUsers);
    models = List.copyOf(models);
    notes = List.copyOf(notes);
  }

  /** {@code LiteLLM_OrganizationTable} with its budget row. */
  public record Organization(
      String id, String alias, List<String> models, BigDecimal spend, LitellmLimits limits,
      Map<String, String> metadata) {}

  /** {@code LiteLLM_TeamTable}. */
  public record Team(
      String id, Optional<String> alias, Optional<String> organizationId, List<String> models,
      BigDecimal spend, LitellmLimits limits, boolean blocked, Map<String, String> metadata) {}

  /** {@code LiteLLM_UserTable} (an internal user: the person keys are issued to). */
  public record User(String id, Optional<String> email, BigDecimal spend, LitellmLimits limits) {}

  /**
   * {@code LiteLLM_VerificationToken}; {@code tokenHash} is its {@code token} column, the SHA-256
   * hex of the {@code sk-…} secret, and {@code keyName} LiteLLM's masked form ({@code sk-...ab12}).
   *
   * @param perModelBudgets the key has a non-empty {@code model_max_budget}
   */
  public record Key(
      String tokenHash, Optional<String> keyName, Optional<String> alias, BigDecimal spend,
      Optional<Instant> expires, List<String> models, Optional<String> userId,
      Optional<String> teamId, Optional<String> organizationId, Map<String, String> metadata,
      boolean blocked, LitellmLimits limits, boolean perModelBudgets, Optional<Instant> createdAt) {}

  /** {@code LiteLLM_EndUserTable} (a customer) with its budget row. */
  public record EndUser(
      String id, Optional<String> alias, BigDecimal spend, LitellmLimits limits, boolean blocked) {}

  /**
   * {@code LiteLLM_ProxyModelTable}: a model added through LiteLLM's API ({@code model_name}), what
   * it calls ({@code litellm_params.model}) and the prices it was given, per token.
   */
  public record Model(
      String id, String name, Optional<String> upstream, Optional<BigDecimal> inputCostPerToken,
      Optional<BigDecimal> outputCostPerToken, OptionalLong maxOutputTokens) {}
}
