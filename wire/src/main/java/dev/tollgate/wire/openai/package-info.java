/**
 * OpenAI's wire format as Tollgate meets it: the usage object in every shape (chat, legacy
 * completions, embeddings, the Responses API), normalized by a data plane's
 * {@link dev.tollgate.wire.openai.UsageNormalizer}; and what an upstream's error body says and
 * means in OpenAI's error terms ({@link dev.tollgate.wire.openai.OpenAiErrors}).
 */
package dev.tollgate.wire.openai;
