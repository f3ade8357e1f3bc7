/**
 * Outbound ports: what the core needs from the outside (keys, budgets and holds, rate windows,
 * parallel slots, the spend ledger, prices, the data plane), named for their role. Adapters
 * implement them; every adapter runs the contract tests in this module's test-jar. Time is a
 * {@link java.time.Clock} handed to the services, not a port of its own.
 */
package dev.tollgate.port.out;
