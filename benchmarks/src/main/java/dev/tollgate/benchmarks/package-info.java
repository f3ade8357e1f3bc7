/**
 * JMH benchmarks of the admission hot path: the engine ({@code Tollgate.create}) over the
 * in-memory stores with every economic check switched on (key budget, requests and tokens per
 * minute, parallel requests), limits so large that nothing is refused. They measure the core's own
 * cost per request, the floor under what the HTTP service adds; {@code benchmarks/load/run.sh} measures the
 * service end to end. Results and method: {@code docs/benchmarks.md}.
 */
package dev.tollgate.benchmarks;
