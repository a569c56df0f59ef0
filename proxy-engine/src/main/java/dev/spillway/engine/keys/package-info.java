/**
 * Virtual keys, their users, budgets and rate limits, LiteLLM-style.
 *
 * <p>{@link dev.spillway.engine.keys.KeyRegistry} is the whole public surface: it authenticates a presented key
 * ({@code find}, {@code refusal}), admits requests ({@code admit}, {@code check}), takes finished requests' cost and
 * tokens ({@code recordUsage}) and serves the admin operations ({@code generate}, {@code update}, {@code delete},
 * {@code newUser}, and reads). Keys are stored only as SHA-256 hashes, in the spend database's {@code virtual_keys} and
 * {@code users} tables (Flyway V2); a request never waits on the database.
 */
package dev.spillway.engine.keys;
