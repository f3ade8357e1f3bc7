package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliLimitsTest {

  private final CliHarness cli = new CliHarness();

  @BeforeEach
  void tenant() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");
    cli.ok("teams", "create", "ml", "--tenant", "acme");
  }

  @Test
  void a_budget_is_set_shown_and_removed() {
    String set = cli.ok("budgets", "set", "--tenant", "acme", "--limit", "25.00",
        "--period", "monthly", "--soft", "20");

    assertThat(set).isEqualTo("""
        Set the budget of tenant acme.
        scope      tenant acme
        budget     25.00 USD monthly (soft 20.00)
        window     2026-11-01T00:00:00Z .. 2026-12-01T00:00:00Z
        posted     0.00
        held       0.00
        remaining  25.00
        """);
    assertThat(cli.ok("budgets", "show", "--tenant", "acme")).isEqualTo(
        set.substring(set.indexOf('\n') + 1));
    assertThat(cli.ok("budgets", "remove", "--tenant", "acme"))
        .isEqualTo("Removed the budget of tenant acme.\n");
    assertThat(cli.ok("budgets", "show", "--tenant", "acme")).isEqualTo("tenant acme has no budget.\n");
  }

  @Test
  void budgets_go_on_teams_keys_and_one_model_of_a_key() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "svc");
    String key = cli.ok("keys", "list", "--tenant", "acme").lines().skip(1).findFirst()
        .orElseThrow().split("\\s+")[0];

    assertThat(cli.ok("budgets", "set", "--tenant", "acme", "--team", "ml", "--limit", "5",
        "--period", "daily")).contains("scope      team acme/ml", "5.00 USD daily");
    assertThat(cli.ok("budgets", "set", "--key", key, "--limit", "1.5", "--period", "lifetime"))
        .contains("1.50 USD lifetime", "window     lifetime");
    assertThat(cli.ok("budgets", "set", "--key", key, "--model", "gpt-4o", "--limit", "0.25",
        "--period", "weekly")).contains("scope      key " + key + " model gpt-4o");
    assertThat(cli.stores.budgets().budgetOf(Scope.team(TenantId.of("acme"), TeamId.of("ml"))))
        .isPresent();
  }

  @Test
  void a_key_gets_a_per_session_budget_shown_with_its_limits_and_removed() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "claude");
    String key = cli.ok("keys", "list", "--tenant", "acme").lines().skip(1).findFirst()
        .orElseThrow().split("\\s+")[0];

    assertThat(cli.ok("budgets", "set-session", "--key", key, "--limit", "5"))
        .contains("Set the per-session budget of key " + key,
            "session budget  5.00 USD per session, lifetime");
    assertThat(cli.ok("limits", "show", "--key", key))
        .contains("session budget  5.00 USD per session, lifetime");
    assertThat(cli.ok("budgets", "set-session", "--key", key, "--limit", "2", "--period", "daily"))
        .contains("2.00 USD per session, daily");
    assertThat(cli.ok("budgets", "remove-session", "--key", key))
        .isEqualTo("Removed the per-session budget of key " + key + ".\n");
    assertThat(cli.ok("limits", "show", "--key", key)).contains("session budget  none");
    assertThat(cli.run("budgets", "set-session", "--key", key).code()).isNotZero();
  }

  @Test
  void an_end_user_gets_a_budget_and_limits_and_flags_its_tenant() {
    assertThat(cli.ok("budgets", "set", "--tenant", "acme", "--end-user", "cust-1", "--limit",
        "2", "--period", "monthly")).contains("scope      end user acme/cust-1", "2.00 USD monthly");
    assertThat(cli.ok("limits", "set", "--tenant", "acme", "--end-user", "cust-1", "--rpm", "30"))
        .contains("end user acme/cust-1");
    assertThat(cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().endUserBudgets())
        .isTrue();
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--team", "ml", "--end-user", "c",
        "--limit", "1").code()).isEqualTo(2);
    assertThat(cli.run("budgets", "set", "--key", "k", "--end-user", "c", "--limit", "1").code())
        .isEqualTo(2);
  }

  @Test
  void a_tag_gets_a_budget_and_limits_and_flags_its_tenant() {
    assertThat(cli.ok("budgets", "set", "--tenant", "acme", "--tag", "team:search", "--limit",
        "3", "--period", "monthly")).contains("scope      tag acme/team:search", "3.00 USD monthly");
    assertThat(cli.ok("limits", "set", "--tenant", "acme", "--tag", "team:search", "--rpm", "30"))
        .contains("tag acme/team:search");
    assertThat(cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().tagBudgets()).isTrue();
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--end-user", "c", "--tag", "t",
        "--limit", "1").code()).isEqualTo(2);
    assertThat(cli.run("budgets", "set", "--key", "k", "--tag", "t", "--limit", "1").code())
        .isEqualTo(2);
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--tag", "has space", "--limit", "1")
        .code()).isEqualTo(2);
  }

  @Test
  void budget_flags_are_checked_before_anything_is_stored() {
    assertThat(cli.run("budgets", "set", "--tenant", "acme").err())
        .startsWith("tollgate budgets set: --limit is required\n");
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--limit", "1.0000000001").err())
        .startsWith("tollgate budgets set: --limit: amount must have at most 9 decimals");
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--limit", "5", "--period", "yearly")
        .err()).startsWith("tollgate budgets set: --period: 'yearly' is not one of lifetime,");
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--limit", "5", "--soft", "6").code())
        .isEqualTo(2);
    assertThat(cli.run("budgets", "set", "--tenant", "acme", "--key", "k", "--limit", "5").err())
        .startsWith("tollgate budgets set: name one scope");
    assertThat(cli.run("budgets", "set", "--tenant", "nobody", "--limit", "5").err())
        .isEqualTo("tollgate: not found: no such scope (tenant nobody).\n");
    assertThat(cli.ok("budgets", "show", "--tenant", "acme")).isEqualTo("tenant acme has no budget.\n");
  }

  @Test
  void rate_and_parallel_limits_are_set_shown_and_removed() {
    String set = cli.ok("limits", "set", "--tenant", "acme", "--team", "ml", "--rpm", "60",
        "--tpm", "100000", "--max-parallel", "4");

    assertThat(set).isEqualTo("""
        Set the limits of team acme/ml.
        scope         team acme/ml
        budget        none
        rpm           60 per 60s (used 0, remaining 60)
        tpm           100000 per 60s (used 0, remaining 100000)
        max-parallel  4 (in flight 0)
        """);
    cli.ok("limits", "remove", "--tenant", "acme", "--team", "ml", "--tpm", "--max-parallel");
    assertThat(cli.ok("limits", "show", "--tenant", "acme", "--team", "ml"))
        .contains("rpm           60 per 60s", "tpm           none", "max-parallel  none");
    assertThat(cli.run("limits", "set", "--tenant", "acme").err())
        .startsWith("tollgate limits set: give at least one of --rpm, --tpm, --max-parallel");
    assertThat(cli.run("limits", "set", "--tenant", "acme", "--rpm", "-1").code()).isEqualTo(2);
  }
}
