/**
 * OpenAI's wire format as Tollgate meets it. Requests: a {@code /v1} body parsed just enough to
 * admit it ({@link dev.tollgate.wire.openai.RequestParser}, {@link
 * dev.tollgate.wire.openai.ClientRequest}, the prompt's text), and the completion bound written
 * into the body the data plane gets. Answers: one event's or one body's text, model and usage
 * spans read in a streaming pass ({@link dev.tollgate.wire.openai.EventText}) and the byte splices
 * made at them ({@link dev.tollgate.wire.openai.AnswerEdit}); the usage object in every shape
 * (chat, legacy completions, embeddings, the Responses API), normalized by a data plane's
 * {@link dev.tollgate.wire.openai.UsageNormalizer}; and what an upstream's error body says and
 * means in OpenAI's error terms ({@link dev.tollgate.wire.openai.OpenAiErrors}).
 */
package dev.tollgate.wire.openai;
