/**
 * Ownership: tenant, optional team, and the end user a request names. Ids are one-field records so
 * a tenant id can never be passed where a team id is expected.
 */
package dev.tollgate.domain.tenancy;
