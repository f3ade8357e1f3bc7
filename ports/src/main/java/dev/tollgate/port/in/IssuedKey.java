package dev.tollgate.port.in;

import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.VirtualKey;

/** A freshly minted key: the stored record and the secret to hand over once. */
public record IssuedKey(VirtualKey key, ApiKeySecret secret) {}
