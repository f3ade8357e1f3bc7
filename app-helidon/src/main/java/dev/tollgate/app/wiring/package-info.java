/**
 * The composition root ({@link dev.tollgate.app.wiring.Root}) that the server and the CLI share,
 * and the Guice modules of the server's graph, one per concern: the only place concrete adapters
 * are named, each chosen by one configuration setting that fails fast on an unknown value.
 */
package dev.tollgate.app.wiring;
