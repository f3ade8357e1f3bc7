/**
 * The spend journal: a local, append-only, checksummed file log that every spend record reaches
 * before any database does. It makes the ledger survive a crashed process ({@code kill -9}: a
 * written record is in the page cache) and, with group fsync, a crashed machine up to one fsync
 * interval; it keeps answering while the database is down and replays, idempotently, when it
 * returns.
 */
package dev.tollgate.adapter.journal;
