package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TenantId;
import org.junit.jupiter.api.Test;

class CliTenantsTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void a_tenant_is_created_shown_listed_and_updated() {
    String created = cli.ok("tenants", "create", "acme", "--name", "Acme Corp",
        "--models", "gpt-4o,mini", "--alias", "fast=mini", "--label", "env=prod");

    assertThat(created).startsWith("Created tenant acme.\n")
        .contains("name         Acme Corp\n", "active       yes\n", "models       gpt-4o,mini\n",
            "aliases      fast=mini\n", "fairness-id  acme\n", "labels       env=prod\n");
    cli.ok("tenants", "create", "globex", "--name", "Globex");
    assertThat(cli.ok("tenants", "list")).isEqualTo("""
        TENANT  NAME       ACTIVE  MODELS       CREATED
        acme    Acme Corp  yes     gpt-4o,mini  2026-11-24T06:00:00Z
        globex  Globex     yes     all          2026-11-24T06:00:00Z
        """);

    String updated = cli.ok("tenants", "update", "acme", "--name", "ACME", "--models", "*",
        "--objective", "premium");
    assertThat(updated).startsWith("Updated tenant acme.\n")
        .contains("name         ACME\n", "models       all\n", "aliases      fast=mini\n",
            "objective    premium\n", "labels       env=prod\n");
    assertThat(cli.ok("tenants", "show", "acme")).contains("name         ACME\n");
  }

  @Test
  void deactivating_a_tenant_stops_its_policy_and_activating_restores_it() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");

    assertThat(cli.ok("tenants", "deactivate", "acme")).contains("active       no\n");
    assertThat(cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().active()).isFalse();
    assertThat(cli.ok("tenants", "activate", "acme")).contains("active       yes\n");
    assertThat(cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().allows(
        ModelName.of("gpt-4o"))).isTrue();
  }

  @Test
  void refusals_exit_1_with_the_reason_on_stderr() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");

    CliHarness.Run again = cli.run("tenants", "create", "acme", "--name", "Acme");
    CliHarness.Run missing = cli.run("tenants", "show", "nobody");

    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("tollgate: conflict: Tenant 'acme' already exists.\n");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("tollgate: not found: no such tenant (tenant 'nobody').\n");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void a_bad_name_or_id_is_a_usage_error_before_anything_is_stored() {
    CliHarness.Run blank = cli.run("tenants", "create", "acme", "--name", " ");
    CliHarness.Run spaced = cli.run("tenants", "create", "ac me", "--name", "x");

    assertThat(blank.code()).isEqualTo(2);
    assertThat(blank.err()).startsWith("tollgate tenants create: --name: tenant name must be 1..200")
        .contains("usage: tollgate tenants create <tenant> [flags]");
    assertThat(spaced.code()).isEqualTo(2);
    assertThat(spaced.err()).startsWith("tollgate tenants create: <tenant>: TenantId must be");
    assertThat(cli.ok("tenants", "list")).doesNotContain("acme");
  }

  @Test
  void teams_are_created_in_a_tenant_and_listed() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");

    assertThat(cli.ok("teams", "create", "ml", "--tenant", "acme", "--name", "Machine Learning",
        "--label", "cost-center=42")).isEqualTo("Created team ml in tenant acme.\n");
    cli.ok("teams", "create", "web", "--tenant", "acme");

    assertThat(cli.ok("teams", "list", "--tenant", "acme")).isEqualTo("""
        TEAM  NAME              LABELS          CREATED
        ml    Machine Learning  cost-center=42  2026-11-24T06:00:00Z
        web   web               -               2026-11-24T06:00:00Z
        """);
    assertThat(cli.run("teams", "list", "--tenant", "globex").code()).isEqualTo(1);
    assertThat(cli.run("teams", "create", "ml", "--tenant", "acme").err())
        .contains("conflict: Team 'ml' already exists.");
  }

  @Test
  void the_near_limit_policies_are_set_shown_and_kept_by_deactivation() {
    String created = cli.ok("tenants", "create", "acme", "--name", "Acme");
    assertThat(created).contains("at-limit     refuse\n", "past-soft    none\n");

    String updated = cli.ok("tenants", "update", "acme", "--budget-exhausted", "clamp",
        "--min-output-tokens", "32", "--soft-budget", "demote", "--demoted-objective", "batch");

    assertThat(updated).contains("at-limit     clamp (min 32 output tokens)\n",
        "past-soft    demote to batch\n");
    cli.ok("tenants", "deactivate", "acme");
    NearLimitPolicy stored = cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().nearLimit();
    assertThat(stored).isEqualTo(new NearLimitPolicy(
        NearLimitPolicy.WhenExhausted.CLAMP, 32, NearLimitPolicy.PastSoftBudget.DEMOTE, "batch"));
    assertThat(cli.ok("tenants", "update", "acme", "--budget-exhausted", "refuse"))
        .contains("at-limit     refuse\n", "past-soft    demote to batch\n");
  }

  @Test
  void allowed_tags_are_set_shown_kept_by_other_updates_and_cleared() {
    assertThat(cli.ok("tenants", "create", "acme", "--name", "Acme")).contains("tags         any\n");
    assertThat(cli.ok("tenants", "update", "acme", "--allowed-tags", "team:search, env=prod"))
        .contains("tags         env=prod,team:search\n");
    assertThat(cli.ok("tenants", "update", "acme", "--name", "ACME"))
        .contains("tags         env=prod,team:search\n");
    assertThat(cli.stores.tenants().find(TenantId.of("acme")).orElseThrow().allowedTags())
        .containsExactlyInAnyOrder(Tag.of("team:search"), Tag.of("env=prod"));
    assertThat(cli.run("tenants", "update", "acme", "--allowed-tags", "a b").code()).isEqualTo(2);
    assertThat(cli.ok("tenants", "update", "acme", "--allowed-tags", "")).contains("tags         any\n");
  }

  @Test
  void a_bad_near_limit_flag_is_a_usage_error() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");

    CliHarness.Run action = cli.run("tenants", "update", "acme", "--budget-exhausted", "shrink");
    CliHarness.Run min = cli.run("tenants", "update", "acme", "--min-output-tokens", "0");

    assertThat(action.code()).isEqualTo(2);
    assertThat(action.err()).contains("--budget-exhausted: must be one of [refuse, clamp]");
    assertThat(min.code()).isEqualTo(2);
    assertThat(min.err()).contains("minOutputTokens must be 1..");
  }
}
