/**
 * Secrets at rest: the salt key and the id derived from it, a secret's name and value, and the
 * AES-256-GCM sealing that binds each ciphertext to its key id and its name. A wrong key, a
 * tampered ciphertext or one moved to another name opens to a refusal value, never to garbage.
 */
package dev.tollgate.domain.secret;
