/**
 * Anthropic's Messages API on Tollgate's {@code /v1}: {@code POST /v1/messages} (JSON and Anthropic's
 * event stream), {@code POST /v1/messages/count_tokens}, and {@code GET /v1/models} in Anthropic's
 * list shape when a request carries {@code anthropic-version}. The handlers here orchestrate: the
 * headers passed on, Anthropic's error shape, and the stream relay that reads usage as it goes by;
 * what a Messages body looks like (the request checks, the prompt's text, the byte splice of
 * {@code model} and a clamped {@code max_tokens}) is {@code dev.tollgate.wire.anthropic}'s.
 * Admission, settlement and pricing are the same engine calls every {@code /v1} route makes.
 */
package dev.tollgate.app.http.anthropic;
