/**
 * Guice wiring: the only place concrete adapters are named, each chosen by one configuration
 * setting that fails fast on an unknown value.
 */
package dev.tollgate.app.wiring;
