package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliKeysTest {

  private final CliHarness cli = new CliHarness();

  @BeforeEach
  void tenant() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");
    cli.ok("teams", "create", "ml", "--tenant", "acme");
  }

  @Test
  void a_created_key_prints_its_secret_once_and_is_listed_masked_afterwards() {
    String created = cli.ok("keys", "create", "--tenant", "acme", "--team", "ml", "--alias", "ci",
        "--models", "gpt-4o", "--expires-in", "30d", "--label", "owner=ops");
    List<String> lines = created.lines().toList();
    String secret = lines.get(lines.size() - 1);
    String id = lines.get(0).replaceAll("^Created key (\\S+) for acme/ml\\.$", "$1");

    assertThat(lines.get(1)).isEqualTo("Its secret is shown only this once; store it now:");
    assertThat(KeyFormat.parse(secret)).isInstanceOf(KeyFormat.Wellformed.class);
    assertThat(cli.stores.keys().findById(KeyId.of(id))).isPresent();

    String list = cli.ok("keys", "list", "--tenant", "acme");
    String show = cli.ok("keys", "show", id);
    String hint = "sk-tg-…" + secret.substring(secret.length() - 4);
    assertThat(list).doesNotContain(secret).contains(id, "ci", hint, "acme/ml", "inference",
        "active", "2026-12-24T06:00:00Z");
    assertThat(list.lines().findFirst().orElseThrow())
        .isEqualTo("KEY" + list.lines().findFirst().orElseThrow().substring(3));
    assertThat(show).doesNotContain(secret).contains("secret    " + hint, "models    gpt-4o",
        "labels    owner=ops", "expires   2026-12-24T06:00:00Z");
    assertThat(cli.ok("audit", "list")).doesNotContain(secret);
  }

  @Test
  void rotating_prints_a_new_secret_and_says_how_long_the_old_one_works() {
    String first = last(cli.ok("keys", "create", "--tenant", "acme", "--alias", "svc"));
    String id = onlyKeyId();

    String rotated = cli.ok("keys", "rotate", id, "--grace", "1h");
    String second = last(rotated);

    assertThat(rotated).startsWith("Rotated key " + id
        + "; the old secret works until 2026-11-24T07:00:00Z.\n");
    assertThat(KeyFormat.parse(second)).isInstanceOf(KeyFormat.Wellformed.class);
    assertThat(second).isNotEqualTo(first);
    assertThat(cli.ok("keys", "show", id)).contains("old secret works until 2026-11-24T07:00:00Z")
        .doesNotContain(second);
    assertThat(cli.ok("keys", "rotate", id)).contains("the old secret stopped working.");
    assertThat(cli.run("keys", "rotate", id, "--grace", "31d").code()).isEqualTo(2);
  }

  @Test
  void update_changes_only_the_given_attributes() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "svc", "--models", "gpt-4o",
        "--label", "a=1");
    String id = onlyKeyId();

    String updated = cli.ok("keys", "update", id, "--alias", "renamed", "--expires-in", "7d");

    assertThat(updated).startsWith("Updated key " + id + ".\n").contains("alias     renamed",
        "models    gpt-4o", "expires   2026-12-01T06:00:00Z", "labels    a=1");
    assertThat(cli.ok("keys", "update", id, "--no-expiry", "--models", "*", "--label", "b=2"))
        .contains("expires   never", "models    all", "labels    b=2");
    assertThat(cli.run("keys", "update", id).err()).startsWith(
        "tollgate keys update: give at least one of");
    assertThat(cli.run("keys", "update", id, "--expires-in", "0").err()).startsWith(
        "tollgate keys update: --expires-in must be positive");
    assertThat(cli.run("keys", "update", id, "--models", "gpt-5").err())
        .isEqualTo("tollgate: invalid models: The model 'gpt-5' is not served by this platform.\n");
  }

  @Test
  void block_unblock_and_delete() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "svc");
    String id = onlyKeyId();

    assertThat(cli.ok("keys", "block", id)).isEqualTo("Blocked key " + id + ".\n");
    assertThat(cli.ok("keys", "show", id)).contains("status    blocked");
    assertThat(cli.ok("keys", "unblock", id)).isEqualTo("Unblocked key " + id + ".\n");
    assertThat(cli.ok("keys", "show", id)).contains("status    active");
    assertThat(cli.ok("keys", "delete", id)).startsWith("Deleted key " + id + " (sk-tg-…");

    CliHarness.Run gone = cli.run("keys", "show", id);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).isEqualTo("tollgate: not found: no such key (key '" + id + "').\n");
  }

  @Test
  void a_key_for_an_unknown_team_or_model_is_refused_and_a_bad_flag_is_a_usage_error() {
    assertThat(cli.run("keys", "create", "--tenant", "acme", "--team", "web").err())
        .isEqualTo("tollgate: invalid team: No team 'web' in tenant 'acme'.\n");
    assertThat(cli.run("keys", "create", "--tenant", "acme", "--models", "gpt-5").code())
        .isEqualTo(1);

    CliHarness.Run role = cli.run("keys", "create", "--tenant", "acme", "--role", "root");
    assertThat(role.code()).isEqualTo(2);
    assertThat(role.err()).startsWith(
        "tollgate keys create: --role: 'root' is not inference or tenant-admin\n");
    assertThat(cli.run("keys", "create", "--tenant", "acme", "--expires", "soon").code())
        .isEqualTo(2);
  }

  @Test
  void a_retried_create_with_the_same_idempotency_key_mints_once_and_shows_no_secret() {
    cli.ok("keys", "create", "--tenant", "acme", "--alias", "ci", "--idempotency-key", "run-1");

    String again = cli.ok("keys", "create", "--tenant", "acme", "--alias", "ci",
        "--idempotency-key", "run-1");

    assertThat(again).isEqualTo("An earlier create with this idempotency key made key "
        + onlyKeyId() + "; its secret is not shown again.\n");
  }

  private String onlyKeyId() {
    List<String> rows = cli.ok("keys", "list", "--tenant", "acme").lines().skip(1).toList();
    assertThat(rows).hasSize(1);
    return rows.get(0).split("\\s+")[0];
  }

  private static String last(String out) {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }
}
