package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliUsageTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void help_lists_every_group_and_each_group_lists_its_commands() {
    assertThat(cli.ok("help")).contains("tenants", "teams", "keys", "budgets", "limits", "prices",
        "spend", "audit");
    assertThat(cli.ok("keys", "--help")).startsWith("usage: tollgate keys <command> [flags]\n")
        .contains("tollgate keys create [flags]", "tollgate keys rotate <key-id> [flags]",
            "tollgate keys delete <key-id>");
    assertThat(cli.ok("help", "budgets", "set")).startsWith("usage: tollgate budgets set [flags]\n")
        .contains("--limit=USD", "--period=PERIOD", "--soft=USD", "--tenant=TENANT");
    assertThat(cli.ok("keys", "create", "--tenant", "x", "--help")).contains("--expires-in=DURATION");
    AdminCli.commandLine().getSubcommands().forEach((name, group) -> {
      assertThat(cli.ok(name, "--help")).contains(HelpFormat.summary(group));
      group.getSubcommands().forEach((command, line) ->
          assertThat(cli.ok(name, command, "--help")).contains(HelpFormat.summary(line)));
    });
  }

  @Test
  void completion_prints_a_bash_script_that_knows_every_group_and_command() {
    String script = cli.ok("completion");

    assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F")
        .contains("tenants", "keys", "rotate", "--expires-in");
    assertThat(cli.ok("help")).contains("  completion  print a bash/zsh completion script");
  }

  @Test
  void usage_errors_exit_2_with_the_help_that_applies_on_stderr() {
    CliHarness.Run unknownGroup = cli.run("wallets", "list");
    CliHarness.Run noCommand = cli.run("keys");
    CliHarness.Run unknownCommand = cli.run("keys", "frobnicate");
    CliHarness.Run unknownFlag = cli.run("keys", "list", "--tenant", "acme", "--colour", "red");
    CliHarness.Run missingValue = cli.run("keys", "list", "--tenant");
    CliHarness.Run extra = cli.run("keys", "show", "k-1", "k-2");
    CliHarness.Run twice = cli.run("keys", "list", "--tenant", "a", "--tenant", "b");
    CliHarness.Run notANumber = cli.run("keys", "list", "--tenant", "a", "--limit", "many");

    assertThat(unknownGroup.code()).isEqualTo(2);
    assertThat(unknownGroup.err()).contains("unknown command 'wallets'");
    assertThat(noCommand.code()).isEqualTo(2);
    assertThat(noCommand.err()).startsWith("usage: tollgate keys <command>");
    assertThat(unknownCommand.code()).isEqualTo(2);
    assertThat(unknownCommand.err()).startsWith("tollgate keys: unknown command 'frobnicate'\n")
        .contains("usage: tollgate keys <command>");
    assertThat(unknownFlag.code()).isEqualTo(2);
    assertThat(unknownFlag.err()).startsWith("tollgate keys list: unknown flag --colour\n")
        .contains("usage: tollgate keys list [flags]");
    assertThat(missingValue.err())
        .startsWith("tollgate keys list: Missing required parameter for option '--tenant' (TENANT)");
    assertThat(extra.err()).startsWith("tollgate keys show: unexpected argument k-2");
    assertThat(twice.err())
        .startsWith("tollgate keys list: option '--tenant' (TENANT) should be specified only once");
    assertThat(notANumber.code()).isEqualTo(2);
    assertThat(notANumber.err()).startsWith("tollgate keys list: --limit: For input string");
    assertThat(unknownFlag.out()).isEmpty();
  }

  @Test
  void flags_take_their_value_after_an_equals_sign_too() {
    cli.ok("tenants", "create", "acme", "--name=Acme Corp", "--models=*");

    assertThat(cli.ok("tenants", "show", "acme")).contains("name         Acme Corp");
  }

  @Test
  void durations_and_dates_read_the_short_forms_an_operator_types() {
    assertThat(Parse.duration("90s")).hasSeconds(90);
    assertThat(Parse.duration("15m")).hasMinutes(15);
    assertThat(Parse.duration("2h")).hasHours(2);
    assertThat(Parse.duration("7d")).hasDays(7);
    assertThat(Parse.duration("pt1h30m")).hasMinutes(90);
    assertThat(Parse.duration("0")).isZero();
    assertThat(Parse.instant("2026-11-01")).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(Parse.instant("2026-11-01T12:00:00Z")).isEqualTo("2026-11-01T12:00:00Z");
  }

  @Test
  void terminal_control_characters_from_stored_text_are_never_printed_raw() {
    assertThat(Text.clean("ok\u001b[2Jx\n")).isEqualTo("ok?[2Jx?");
  }
}
