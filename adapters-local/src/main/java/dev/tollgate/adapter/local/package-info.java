/**
 * Local state in front of the shared stores of a durable backend: each replica admits and settles
 * requests against budget leases (slices of the shared budgets held as one hold each), counts rate
 * windows and parallel slots locally and syncs them in the background, answers keys from a cache
 * that refreshes in the background ({@link dev.tollgate.adapter.local.CachingKeyStore}) and catalogs from
 * last-known copies. The request path makes no database round trip in steady state, and a
 * database outage is served from the same local state (when the service allows it), while
 * {@link dev.tollgate.adapter.local.StoreHealth} says the service is degraded. Depends only on the
 * ports and the domain: any shared backend works underneath.
 */
package dev.tollgate.adapter.local;
