package dev.tollgate.domain.usage;

/** Where a recorded usage came from: the upstream's own report, or Tollgate's count of it. */
public enum UsageSource {
  /** The data plane returned usage for the request. */
  REPORTED,
  /** No usage came back (for example the client disconnected mid-stream); Tollgate counted. */
  ESTIMATED
}
