package dev.tollgate.domain.planted.framework;

import java.sql.Connection;

/** Planted: JDBC is in the JDK yet no business of the domain (NO_FRAMEWORK_IN_CORE). */
public record JdbcBackedBudget(Connection connection) {}
