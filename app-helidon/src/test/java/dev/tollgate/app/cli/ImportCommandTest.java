package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ImportMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code tollgate import}: checked before any database is opened. */
class ImportCommandTest {

  @Test
  void theMappingDefaultsToOrganizationsAsTenantsAndEverythingElseInLitellm() {
    ImportCommand.Options o = ImportCommand.parse(List.of("litellm", "--from", "postgresql://h/db"));

    assertThat(o.dryRun()).isFalse();
    assertThat(o.mapping()).isEqualTo(ImportMapping.defaults());
  }

  @Test
  void everyFlagIsRead() {
    ImportCommand.Options o = ImportCommand.parse(List.of("litellm", "--dry-run", "--from", "x",
        "--tenants", "teams", "--default-tenant", "rest", "--end-user-tenant", "shop"));

    assertThat(o.dryRun()).isTrue();
    assertThat(o.mapping()).isEqualTo(new ImportMapping(ImportMapping.TenantsFrom.TEAMS,
        TenantId.of("rest"), TenantId.of("shop")));
  }

  @Test
  void aMistakeIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> ImportCommand.parse(List.of("bifrost", "--from", "x")))
        .isInstanceOf(UsageError.class).hasMessageContaining("litellm");
    assertThatThrownBy(() -> ImportCommand.parse(List.of("litellm")))
        .isInstanceOf(UsageError.class).hasMessageContaining("--from is required");
    assertThatThrownBy(() -> ImportCommand.parse(List.of("litellm", "--from")))
        .isInstanceOf(UsageError.class).hasMessageContaining("--from");
    assertThatThrownBy(() -> ImportCommand.parse(List.of("litellm", "--from", "x", "--tenants",
        "orgs"))).isInstanceOf(UsageError.class).hasMessageContaining("organizations, teams");
    assertThatThrownBy(() -> ImportCommand.parse(List.of("litellm", "--from", "x",
        "--default-tenant", "has space"))).isInstanceOf(UsageError.class);
    assertThatThrownBy(() -> ImportCommand.parse(List.of("litellm", "--from", "x", "--frm")))
        .isInstanceOf(UsageError.class).hasMessageContaining("--frm");
  }

  @Test
  void theHelpIsGeneratedFromTheOptions() {
    assertThat(ImportCommand.usage()).contains("tollgate import litellm", "--from=<url>",
        "--dry-run", "--tenants=organizations|teams|single", "--default-tenant=ID",
        "--end-user-tenant=ID", ImportCommand.PASSWORD_ENV);
  }
}
