/**
 * Virtual keys: the {@code sk-tg-} format with its checksum, the SHA-256 hash that is all that is
 * stored, and the key record with its expiry, blocked state and model allow-list.
 */
package dev.tollgate.domain.key;
