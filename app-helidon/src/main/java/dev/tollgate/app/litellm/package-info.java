/**
 * LiteLLM's management API ({@code /key/generate}, {@code /team/new}, {@code /customer/info}, …)
 * served over the same administration use cases as {@code /admin/v1}: the same credentials, the
 * same tenant isolation, the same rules. Each endpoint group reads LiteLLM's request shape into
 * those use cases' commands and writes their answers in LiteLLM's response shape; a field that
 * would change money or access and has no Tollgate meaning is refused, never dropped
 * (docs/litellm-api.md).
 */
package dev.tollgate.app.litellm;
