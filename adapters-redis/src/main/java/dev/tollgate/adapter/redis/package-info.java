/**
 * Rate windows, parallel slots and budget holds on Redis through Lettuce: each operation is one
 * Lua script run atomically on the server (loaded once, run by its digest), keys live under a
 * configurable prefix and expire with their window, and every count or amount is an integer.
 * Lettuce's exceptions are translated here: none crosses a port.
 */
package dev.tollgate.adapter.redis;
