/**
 * A deterministic OpenAI-compatible model server on Helidon SE: chat completions, legacy
 * completions, embeddings, the Responses API, vLLM's rerank and score, and the model list, as JSON and as server-sent events,
 * with usage that counts exactly what was emitted. It is the real HTTP upstream behind Tollgate's
 * tests, quick start and benchmark; request headers ({@code x-sim-fail}, {@code x-sim-tokens}) let a
 * test ask for an error or a reply length. The reply text and every token count are a pure function
 * of the request (see {@link dev.tollgate.adapter.simulated.Prompts}); only ids and timestamps vary.
 */
package dev.tollgate.adapter.simulated;
