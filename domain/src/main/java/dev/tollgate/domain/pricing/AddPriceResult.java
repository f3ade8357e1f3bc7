package dev.tollgate.domain.pricing;


/** What adding a price version did. History is never edited. */
public sealed interface AddPriceResult {

  record Added() implements AddPriceResult {}

  /** The same version was already there (a retried add). */
  record Exists() implements AddPriceResult {}

  /** Another version of the model starts at the same instant; nothing changed. */
  record ConflictsWith(PriceVersion existing) implements AddPriceResult {}
}
