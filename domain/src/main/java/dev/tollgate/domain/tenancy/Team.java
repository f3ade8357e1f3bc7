package dev.tollgate.domain.tenancy;

import java.time.Instant;
import java.util.Map;

/** A team inside a tenant: keys may belong to it, and it may carry its own budgets and limits. */
public record Team(
    TenantId tenant, TeamId id, String name, Map<String, String> metadata, Instant createdAt) {

  public static final int MAX_NAME_LENGTH = 200;

  public Team {
    if (tenant == null || id == null || createdAt == null) {
      throw new IllegalArgumentException("tenant, id and createdAt are required");
    }
    name = Names.require("team name", name, MAX_NAME_LENGTH);
    metadata = Metadata.checked(metadata);
  }

  public Team withDetails(String newName, Map<String, String> newMetadata) {
    return new Team(tenant, id, newName, newMetadata, createdAt);
  }
}
