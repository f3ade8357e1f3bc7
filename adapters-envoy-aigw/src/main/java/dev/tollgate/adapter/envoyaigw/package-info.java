/**
 * The Envoy AI Gateway data plane: Tollgate's requests go to the gateway's OpenAI-compatible
 * listener with the upstream model in the body and in {@code x-ai-eg-model} for route matching,
 * the tenant id in the header the gateway's per-tenant token quotas key on, and the tenant's
 * priority and fairness for inference-pool backends. Usage is normalized from the gateway's
 * inclusive shape (cache reads and writes inside {@code prompt_tokens}); its error envelope and
 * plain-text rejections are re-wrapped into OpenAI errors. Built on the
 * {@code dev.tollgate.dataplane.http} kit.
 */
package dev.tollgate.adapter.envoyaigw;
