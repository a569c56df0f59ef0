package dev.spillway.engine.aws;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A sign-in waiting for the user to approve it in the browser. Show {@link #userCode()} and open
 * {@link #verificationUriComplete()}; {@link #session()} completes when the token arrives (and has been cached), or
 * exceptionally with an {@link SsoSignInException} if the user refuses or the code expires. {@link #cancel()} stops
 * waiting.
 */
public final class DeviceAuthorization {

    private final String userCode;
    private final URI verificationUri;
    private final URI verificationUriComplete;
    private final Instant expiresAt;
    private final CompletableFuture<SsoSession> session;

    DeviceAuthorization(String userCode, URI verificationUri, URI verificationUriComplete, Instant expiresAt,
            CompletableFuture<SsoSession> session) {
        this.userCode = userCode;
        this.verificationUri = verificationUri;
        this.verificationUriComplete = verificationUriComplete;
        this.expiresAt = expiresAt;
        this.session = session;
    }

    /** The code the user confirms on the verification page, e.g. {@code ABCD-EFGH}. */
    public String userCode() {
        return userCode;
    }

    /** The verification page without the code. */
    public URI verificationUri() {
        return verificationUri;
    }

    /** The verification page with the code filled in: open this in the browser. */
    public URI verificationUriComplete() {
        return verificationUriComplete;
    }

    /** When the code stops working. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Completes with the new session once the user has approved. */
    public CompletableFuture<SsoSession> session() {
        return session;
    }

    /** Stops polling; {@link #session()} completes with a {@link java.util.concurrent.CancellationException}. */
    public void cancel() {
        session.cancel(true);
    }
}
