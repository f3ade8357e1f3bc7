/**
 * The agentgateway data plane: Tollgate's requests go to agentgateway's OpenAI-compatible listener
 * with the tenant's priority and fairness as the inference pool's routing headers; usage is
 * normalized from every provider shape agentgateway emits (OpenAI, Anthropic, Bedrock, Gemini),
 * and its plain-text rejections are re-wrapped into OpenAI errors. Built on the
 * {@code dev.tollgate.dataplane.http} kit.
 */
package dev.tollgate.adapter.agentgateway;
