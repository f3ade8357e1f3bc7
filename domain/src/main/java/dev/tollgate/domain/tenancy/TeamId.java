package dev.tollgate.domain.tenancy;

/** A team inside a tenant; optional between tenant and key. */
public record TeamId(String value) {

  public TeamId {
    Ids.require("TeamId", value);
  }

  public static TeamId of(String value) {
    return new TeamId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
