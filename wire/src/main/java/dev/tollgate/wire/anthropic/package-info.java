/**
 * Anthropic's Messages API on the wire: a Messages or count_tokens body checked just enough to
 * admit it ({@link dev.tollgate.wire.anthropic.MessagesRequest}), the text of a prompt and of an
 * answer ({@link dev.tollgate.wire.anthropic.MessagesText}), the byte splice that passes a body on
 * with only named top-level fields replaced ({@link dev.tollgate.wire.anthropic.BodySplice}), and
 * the usage of a whole message and of its stream's {@code message_start} and {@code message_delta}
 * events ({@link dev.tollgate.wire.anthropic.AnthropicUsageReader}).
 */
package dev.tollgate.wire.anthropic;
