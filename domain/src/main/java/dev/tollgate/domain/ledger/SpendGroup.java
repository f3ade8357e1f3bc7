package dev.tollgate.domain.ledger;

/** The total of one group of a spend report. */
public record SpendGroup(String group, SpendTotal total) {}
