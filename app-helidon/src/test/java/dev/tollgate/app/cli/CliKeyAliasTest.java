package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Key aliases are unique per tenant: a second key with a live key's alias is refused, exit 1. */
class CliKeyAliasTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void creating_or_renaming_to_an_alias_a_live_key_of_the_tenant_has_is_a_conflict() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "first");
    String other = cli.ok("keys", "create", "--tenant", "acme", "--alias", "second")
        .lines().findFirst().orElseThrow().replaceAll("^Created key (\\S+) for acme\\.$", "$1");

    CliHarness.Run again = cli.run("keys", "create", "--tenant", "acme", "--alias", "first");
    CliHarness.Run rename = cli.run("keys", "update", other, "--alias", "first");

    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("conflict").contains("already named 'first'");
    assertThat(rename.code()).isEqualTo(1);
    assertThat(rename.err()).contains("already named 'first'");
    assertThat(cli.run("keys", "create", "--tenant", "globex", "--alias", "first").code())
        .isZero();
  }
}
