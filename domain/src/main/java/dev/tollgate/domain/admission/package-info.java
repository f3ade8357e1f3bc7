/**
 * Admission: the sealed answer (admitted with a ticket, or denied with a reason and a retry hint)
 * and the pure rules that produce it.
 */
package dev.tollgate.domain.admission;
