package dev.tollgate.domain.tenancy;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant as administrators see it: a display name and labels. What it may call, and whether it
 * may call at all, is its {@link TenantPolicy}, which admission reads.
 */
public record Tenant(TenantId id, String name, Map<String, String> metadata, Instant createdAt) {

  public static final int MAX_NAME_LENGTH = 200;

  public Tenant {
    if (id == null || createdAt == null) {
      throw new IllegalArgumentException("id and createdAt are required");
    }
    name = Names.require("tenant name", name, MAX_NAME_LENGTH);
    metadata = Metadata.checked(metadata);
  }

  public Tenant withDetails(String newName, Map<String, String> newMetadata) {
    return new Tenant(id, newName, newMetadata, createdAt);
  }
}
