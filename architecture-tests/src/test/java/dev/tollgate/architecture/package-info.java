/**
 * Architecture rules for every Tollgate module. {@link dev.tollgate.architecture.TollgateRules}
 * holds the ArchUnit rules as constants and {@link dev.tollgate.architecture.SourceRules} the
 * checks that only the source tree can answer (package-info files, unused imports, the domain's
 * build dependencies). Each rule is run twice: against the real main classes, where it must pass,
 * and against planted violations in {@code dev.tollgate.*.planted..} test packages, where it must
 * fire and name the planted class. The planted classes live in test output, which the real-code
 * import excludes.
 */
package dev.tollgate.architecture;
