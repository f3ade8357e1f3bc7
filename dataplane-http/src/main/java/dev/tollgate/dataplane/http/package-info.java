/**
 * The shared kit of the HTTP data-plane adapters: one pooled HTTP/1.1 transport that streams
 * bodies unbuffered, and {@link dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane}, which
 * composes it with the wire format's usage readers and error table ({@code dev.tollgate.wire}, the
 * wire module) into a {@link dev.tollgate.port.out.DataPlane}. An adapter (agentgateway, Envoy AI
 * Gateway, the simulator) contributes only what differs: its routing headers and how its usage
 * numbers are meant. No JDK HTTP client type appears in this package's public signatures.
 */
package dev.tollgate.dataplane.http;
