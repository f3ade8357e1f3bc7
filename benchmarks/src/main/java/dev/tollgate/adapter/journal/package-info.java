/**
 * JMH benchmarks of the spend journal's package-private parts, compiled into the journal's
 * package from the benchmarks module: a served request's record as {@code EntryCodec} writes it
 * ({@code JournalRecordBenchmark}). Results and method: {@code docs/benchmarks.md}.
 */
package dev.tollgate.adapter.journal;
