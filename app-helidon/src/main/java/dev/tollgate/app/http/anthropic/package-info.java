/**
 * Anthropic's Messages API on Tollgate's {@code /v1}: {@code POST /v1/messages} (JSON and Anthropic's
 * event stream), {@code POST /v1/messages/count_tokens}, and {@code GET /v1/models} in Anthropic's
 * list shape when a request carries {@code anthropic-version}. Everything Anthropic-specific about
 * the wire lives here: the request checks, the body passed on byte for byte with only
 * {@code model} (and a clamped {@code max_tokens}) spliced, the headers passed on, Anthropic's error
 * shape, and the stream relay that reads usage as it goes by. Admission, settlement and pricing
 * are the same engine calls every {@code /v1} route makes.
 */
package dev.tollgate.app.http.anthropic;
