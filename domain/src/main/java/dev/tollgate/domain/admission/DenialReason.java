package dev.tollgate.domain.admission;

/** Why a request was refused. The HTTP layer maps each to a status and an OpenAI error code. */
public enum DenialReason {
  MALFORMED_KEY,
  UNKNOWN_KEY,
  KEY_BLOCKED,
  KEY_EXPIRED,
  /** The key's tenant is deactivated. */
  TENANT_INACTIVE,
  /** A tenant admin key presented where an inference key is needed (or the reverse). */
  WRONG_KEY_ROLE,
  MODEL_NOT_FOUND,
  MODEL_NOT_ALLOWED,
  MODEL_NOT_PRICED,
  REQUEST_RATE_LIMITED,
  TOKEN_RATE_LIMITED,
  PARALLEL_LIMITED,
  BUDGET_EXHAUSTED,
  /** The request carries a tag its tenant's policy does not list (a 400 naming the tags). */
  TAG_NOT_ALLOWED,
  /** Another request with the same id is in flight. */
  DUPLICATE_REQUEST
}
