package dev.tollgate.port.out.planted.naming;

/** Planted: an outbound port with a Port suffix (OUTBOUND_PORTS_ARE_ROLE_NOUNS). */
public interface SpendLedgerPort {}
