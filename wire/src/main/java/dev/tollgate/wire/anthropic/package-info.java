/**
 * Anthropic's Messages API on the wire: the usage of a whole message and of its stream's
 * {@code message_start} and {@code message_delta} events.
 */
package dev.tollgate.wire.anthropic;
