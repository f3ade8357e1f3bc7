/**
 * The shared kit of the HTTP data-plane adapters: one pooled HTTP/1.1 transport that streams
 * bodies unbuffered, a reader for every OpenAI usage shape, the re-wrapping of upstream errors into
 * OpenAI's error terms, and {@link dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane}, which
 * composes them into a {@link dev.tollgate.port.out.DataPlane}. An adapter (agentgateway, Envoy AI
 * Gateway, the simulator) contributes only what differs: its routing headers and how its usage
 * numbers are meant. No JDK HTTP client type appears in this package's public signatures.
 */
package dev.tollgate.dataplane.http;
