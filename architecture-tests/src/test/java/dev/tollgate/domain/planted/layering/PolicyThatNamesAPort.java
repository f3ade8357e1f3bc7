package dev.tollgate.domain.planted.layering;

import dev.tollgate.port.out.KeyStore;

/** Planted: the domain reaching outwards to a port (DOMAIN_DOES_NOT_DEPEND_ON_OUTER_LAYERS). */
public record PolicyThatNamesAPort(KeyStore keys) {}
