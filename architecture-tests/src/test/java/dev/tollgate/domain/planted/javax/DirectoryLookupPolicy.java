package dev.tollgate.domain.planted.javax;

import javax.naming.Context;

/**
 * Planted: a JDK javax package other than javax.crypto is still refused in the domain
 * (DOMAIN_DEPENDS_ON_JDK_ONLY), so allowing javax.crypto did not open javax as a whole.
 */
public record DirectoryLookupPolicy(Context directory) {}
