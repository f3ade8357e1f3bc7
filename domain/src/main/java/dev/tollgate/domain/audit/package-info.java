/**
 * The audit trail's vocabulary: one entry per administrative change (who did what to which
 * tenant's resource, when), as the audit log stores it and the admin API reads it back.
 */
package dev.tollgate.domain.audit;
