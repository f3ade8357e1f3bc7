/**
 * The standalone service: {@link dev.tollgate.app.Main} (CLI) and {@link
 * dev.tollgate.app.TollgateServer} (Helidon SE over the Guice-wired engine).
 */
package dev.tollgate.app;
