/**
 * The admin API ({@code /admin/v1}) and a key's own status ({@code /v1/key/status}): JSON over the
 * administration use cases. Who is calling (master key, tenant admin key) becomes an {@link
 * dev.tollgate.domain.tenancy.Actor}; the use cases decide what it may see, and {@link
 * dev.tollgate.app.http.admin.AdminCall} maps their outcomes to statuses in one place.
 */
package dev.tollgate.app.http.admin;
