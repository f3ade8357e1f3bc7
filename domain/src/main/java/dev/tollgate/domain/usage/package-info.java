/**
 * Token usage in one normalized shape. Data-plane adapters translate each provider's wire format
 * into {@link dev.tollgate.domain.usage.TokenUsage}; pricing and rate windows only ever see this.
 */
package dev.tollgate.domain.usage;
