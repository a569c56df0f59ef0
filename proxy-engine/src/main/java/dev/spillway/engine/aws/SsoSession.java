package dev.spillway.engine.aws;

import java.time.Instant;

/**
 * A signed-in SSO session, as written to the token cache.
 *
 * @param profile the profile signed in with
 * @param expiresAt when its access token expires
 * @param refreshable whether it came with a refresh token, so Spillway can renew it without the user
 */
public record SsoSession(String profile, Instant expiresAt, boolean refreshable) {
}
