package dev.tollgate.port.out;

/** The total of one group of a spend report. */
public record SpendGroup(String group, SpendTotal total) {}
