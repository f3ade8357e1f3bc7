package dev.tollgate.port.out;

/** The stores administration needs beside the economic ones, from the same backend. */
public record AdminStores(
    TenantDirectory directory, AuditLog audit, IdempotencyStore idempotency) {

  public AdminStores {
    if (directory == null || audit == null || idempotency == null) {
      throw new IllegalArgumentException("every store is required");
    }
  }
}
