/**
 * HTTP: the OpenAI-compatible {@code /v1} facade, the minimal admin route, and the one place
 * ({@link dev.tollgate.app.http.ApiError}) where outcomes and exceptions become responses.
 */
package dev.tollgate.app.http;
