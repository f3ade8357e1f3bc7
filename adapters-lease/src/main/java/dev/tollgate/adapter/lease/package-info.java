/**
 * Local state in front of the shared stores of a durable backend: each replica admits and settles
 * requests against budget leases (slices of the shared budgets held as one hold each), counts rate
 * windows and parallel slots locally and syncs them in the background, and answers catalogs from
 * last-known copies. The request path makes no database round trip in steady state, and a
 * database outage is served from the same local state (when the service allows it), while
 * {@link dev.tollgate.adapter.lease.StoreHealth} says the service is degraded. Depends only on the
 * ports and the domain: any shared backend works underneath.
 */
package dev.tollgate.adapter.lease;
