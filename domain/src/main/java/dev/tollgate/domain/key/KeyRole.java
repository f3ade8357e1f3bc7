package dev.tollgate.domain.key;

/**
 * What a key may do. An inference key calls {@code /v1} and reads its own status; a tenant admin
 * key manages its own tenant through the admin API and cannot call {@code /v1}, so an admin
 * credential leaked from a script is never also a spending credential (and vice versa).
 */
public enum KeyRole {
  INFERENCE,
  TENANT_ADMIN
}
