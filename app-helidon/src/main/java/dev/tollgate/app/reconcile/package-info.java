/**
 * The thread that runs reconciliation (docs/observability.md): every interval it asks the service
 * to run the bucket that ended last (one replica of many gets it) and shows the newest compared
 * report in the meters.
 */
package dev.tollgate.app.reconcile;
