/**
 * What requests and answers look like on the wire, one package per API: {@code openai} (chat and
 * legacy completions, embeddings, the Responses API) and {@code anthropic} (the Messages API).
 * Reading a client's request, finding usage in an answer or a streamed event, editing an answer's
 * bytes, and what an error body says all live here, once, for every side that speaks the format:
 * the {@code /v1} facade (app-helidon), the data planes (dataplane-http and its adapters) and the
 * simulator. This package holds what both formats share. Like the data-plane kit it is adapter
 * code: it stands on ports and domain and names no adapter, service or the app.
 */
package dev.tollgate.wire;
