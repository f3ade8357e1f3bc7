package dev.tollgate.adapter.postgres.litellm;

/**
 * The queries over LiteLLM's tables (names as its Prisma schema creates them, quoted). Dollars
 * leave PostgreSQL as {@code float8::numeric} text (15 significant digits, the database's own
 * rounding); instants as epoch seconds, which reads Prisma's {@code timestamp(3)} (UTC without a
 * zone) and a {@code timestamptz} alike; JSON metadata as parallel arrays of its top-level names
 * and values (a non-string value as its JSON text).
 */
final class LitellmSql {

  private LitellmSql() {}

  static String usd(String column) {
    return "(" + column + ")::numeric::text";
  }

  static String epoch(String column) {
    return "extract(epoch FROM " + column + ")::text";
  }

  private static String object(String column) {
    return "CASE WHEN jsonb_typeof(" + column + "::jsonb) = 'object' THEN " + column
        + "::jsonb ELSE '{}'::jsonb END";
  }

  static String labelNames(String column, String as) {
    return "ARRAY(SELECT e.k FROM jsonb_each(" + object(column) + ") AS e(k, v) ORDER BY e.k) AS "
        + as;
  }

  static String labelValues(String column, String as) {
    return "ARRAY(SELECT CASE WHEN jsonb_typeof(e.v) = 'string' THEN e.v #>> '{}' ELSE e.v::text"
        + " END FROM jsonb_each(" + object(column) + ") AS e(k, v) ORDER BY e.k) AS " + as;
  }

  /**
   * The budget columns, from the budget row {@code b}, or (with {@code own}, a key) the object's
   * own columns first and its budget row's where its own are empty.
   */
  static String budgetColumns(String own) {
    return usd(either(own, "max_budget")) + " AS max_budget, "
        + usd("b.soft_budget") + " AS soft_budget, "
        + either(own, "budget_duration") + " AS budget_duration, "
        + epoch(either(own, "budget_reset_at")) + " AS budget_reset_at, "
        + either(own, "tpm_limit") + " AS tpm_limit, "
        + either(own, "rpm_limit") + " AS rpm_limit, "
        + either(own, "max_parallel_requests") + " AS max_parallel_requests";
  }

  private static String either(String own, String column) {
    return own == null ? "b." + column : "coalesce(" + own + "." + column + ", b." + column + ")";
  }

  static final String ORGANIZATIONS = "SELECT o.organization_id, o.organization_alias, o.models, "
      + usd("o.spend") + " AS spend, " + budgetColumns(null) + ", "
      + labelNames("o.metadata", "label_names") + ", " + labelValues("o.metadata", "label_values")
      + " FROM \"LiteLLM_OrganizationTable\" o"
      + " LEFT JOIN \"LiteLLM_BudgetTable\" b ON b.budget_id = o.budget_id"
      + " ORDER BY o.organization_id LIMIT ?";

  static final String TEAMS = "SELECT t.team_id, t.team_alias, t.organization_id, t.models, "
      + usd("t.spend") + " AS spend, "
      + usd("t.max_budget") + " AS max_budget, " + usd("t.soft_budget") + " AS soft_budget, "
      + "t.budget_duration, " + epoch("t.budget_reset_at") + " AS budget_reset_at, "
      + "t.tpm_limit, t.rpm_limit, t.max_parallel_requests, coalesce(t.blocked, false) AS blocked, "
      + labelNames("t.metadata", "label_names") + ", " + labelValues("t.metadata", "label_values")
      + " FROM \"LiteLLM_TeamTable\" t ORDER BY t.team_id LIMIT ?";

  static final String USERS = "SELECT u.user_id, u.user_email, " + usd("u.spend") + " AS spend, "
      + usd("u.max_budget") + " AS max_budget, NULL::text AS soft_budget, u.budget_duration, "
      + epoch("u.budget_reset_at") + " AS budget_reset_at, u.tpm_limit, u.rpm_limit,"
      + " u.max_parallel_requests FROM \"LiteLLM_UserTable\" u ORDER BY u.user_id LIMIT ?";

  static final String KEYS = "SELECT t.token, t.key_name, t.key_alias, " + usd("t.spend")
      + " AS spend, " + epoch("t.expires") + " AS expires, t.models, t.user_id, t.team_id,"
      + " t.organization_id, coalesce(t.blocked, false) AS blocked, " + budgetColumns("t") + ", "
      + "(jsonb_typeof(t.model_max_budget::jsonb) = 'object'"
      + " AND t.model_max_budget::jsonb <> '{}'::jsonb) AS per_model_budgets, "
      + epoch("t.created_at") + " AS created_at, "
      + labelNames("t.metadata", "label_names") + ", " + labelValues("t.metadata", "label_values")
      + " FROM \"LiteLLM_VerificationToken\" t"
      + " LEFT JOIN \"LiteLLM_BudgetTable\" b ON b.budget_id = t.budget_id"
      + " ORDER BY t.token LIMIT ?";

  static final String END_USERS = "SELECT e.user_id, e.alias, " + usd("e.spend") + " AS spend, "
      + "coalesce(e.blocked, false) AS blocked, " + budgetColumns(null)
      + " FROM \"LiteLLM_EndUserTable\" e"
      + " LEFT JOIN \"LiteLLM_BudgetTable\" b ON b.budget_id = e.budget_id"
      + " ORDER BY e.user_id LIMIT ?";

  /** Prices may sit in litellm_params or model_info; a JSON number's text is its exact decimal. */
  static final String MODELS = "SELECT m.model_id, m.model_name,"
      + " m.litellm_params::jsonb ->> 'model' AS upstream,"
      + " coalesce(m.litellm_params::jsonb ->> 'input_cost_per_token',"
      + " m.model_info::jsonb ->> 'input_cost_per_token') AS input_cost,"
      + " coalesce(m.litellm_params::jsonb ->> 'output_cost_per_token',"
      + " m.model_info::jsonb ->> 'output_cost_per_token') AS output_cost,"
      + " coalesce(m.model_info::jsonb ->> 'max_output_tokens',"
      + " m.model_info::jsonb ->> 'max_tokens') AS max_output_tokens"
      + " FROM \"LiteLLM_ProxyModelTable\" m WHERE NOT coalesce(m.blocked, false)"
      + " ORDER BY m.model_name, m.model_id LIMIT ?";
}
