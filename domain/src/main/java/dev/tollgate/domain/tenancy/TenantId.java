package dev.tollgate.domain.tenancy;

/** A tenant: the organization that pays. */
public record TenantId(String value) {

  public TenantId {
    Ids.require("TenantId", value);
  }

  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
