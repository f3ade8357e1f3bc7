/**
 * Every outbound store on PostgreSQL: MyBatis annotation mappers over a bounded HikariCP pool, the
 * schema by Flyway migrations in {@code db/migration}, applied to one named schema. Multi-scope
 * operations run in one transaction that locks its rows in a fixed order (scope key, then window
 * start), so replicas sharing the database never overspend and never deadlock. Every driver or
 * MyBatis failure leaves the adapter as a {@link dev.tollgate.port.out.StoreUnavailableException}.
 * See {@code adapters-postgres/README.md} for the schema design.
 */
package dev.tollgate.adapter.postgres;
