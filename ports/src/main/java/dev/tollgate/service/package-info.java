/**
 * Use-case implementations: each orchestrates domain rules over outbound ports and a
 * {@link java.time.Clock}; none knows a concrete adapter. {@link dev.tollgate.service.Tollgate}
 * wires them all over one {@link dev.tollgate.port.out.Stores}.
 */
package dev.tollgate.service;
