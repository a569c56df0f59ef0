package dev.spillway.engine.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Signs in to IAM Identity Center in-process, the way {@code aws sso login --use-device-code} does: registers a
 * public OIDC client, starts a device authorization, and polls for the token at the interval the service asks
 * (five seconds more after each {@code SlowDownException}), then writes the AWS CLI's token cache file so
 * {@code aws} and Spillway share the session. Opening the browser is the caller's job.
 *
 * <pre>{@code
 * SsoSignIn signIn = new SsoSignIn(SsoClients.fromEnvironment(System.getenv()), SsoTokenCache.inHome(home),
 *         Clock.systemUTC());
 * DeviceAuthorization pending = signIn.start(profiles.sso("work").orElseThrow());
 * Desktop.getDesktop().browse(pending.verificationUriComplete());
 * SsoSession session = pending.session().join();
 * }</pre>
 */
public final class SsoSignIn {

    /** Waits between polls; the poll loop's only notion of time passing besides the clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final SsoClients clients;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final Sleeper sleeper;

    public SsoSignIn(SsoClients clients, SsoTokenCache cache, Clock clock) {
        this(clients, cache, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    /** For the user running Spillway: AWS's endpoints (or the environment's overrides) and their token cache. */
    public static SsoSignIn forUser(Path home, Map<String, String> env) {
        return new SsoSignIn(SsoClients.fromEnvironment(env), SsoTokenCache.inHome(home), Clock.systemUTC());
    }

    SsoSignIn(SsoClients clients, SsoTokenCache cache, Clock clock, Sleeper sleeper) {
        this.clients = clients;
        this.cache = cache;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Registers a client and starts a device authorization for {@code sso}, then polls on a thread of its own. The
     * two calls to IAM Identity Center happen before it returns: call it off the UI thread.
     *
     * @throws SsoSignInException if IAM Identity Center cannot be reached or refuses to start
     */
    public DeviceAuthorization start(SsoSettings sso) {
        SsoOidcClient oidc = clients.oidc(sso.ssoRegion());
        RegisterClientResponse registration;
        StartDeviceAuthorizationResponse device;
        try {
            registration = oidc.registerClient(r -> {
                r.clientName("spillway-" + sso.sessionName().orElse(Long.toString(clock.millis() / 1000)))
                        .clientType("public");
                if (!sso.scopes().isEmpty()) {
                    r.scopes(sso.scopes());
                }
            });
            device = oidc.startDeviceAuthorization(r -> r.clientId(registration.clientId())
                    .clientSecret(registration.clientSecret()).startUrl(sso.startUrl()));
        } catch (SdkException e) {
            oidc.close();
            throw new SsoSignInException("Cannot start AWS SSO sign-in for profile " + sso.profile() + " at "
                    + sso.startUrl() + " (" + sso.ssoRegion() + "): " + describe(e), e);
        }
        Instant expiresAt = clock.instant().plusSeconds(device.expiresIn() == null ? 600 : device.expiresIn());
        CompletableFuture<SsoSession> session = new CompletableFuture<>();
        Thread poller = new Thread(() -> {
            try (oidc) {
                session.complete(poll(oidc, sso, registration, device, expiresAt, session));
            } catch (InterruptedException | CancellationException e) {
                session.cancel(true);
            } catch (RuntimeException e) {
                session.completeExceptionally(e);
            }
        }, "spillway-sso-sign-in-" + sso.profile());
        poller.setDaemon(true);
        session.whenComplete((ok, error) -> {
            if (session.isCancelled()) {
                poller.interrupt();
            }
        });
        poller.start();
        return new DeviceAuthorization(device.userCode(), URI.create(device.verificationUri()),
                URI.create(device.verificationUriComplete()), expiresAt, session);
    }

    private SsoSession poll(SsoOidcClient oidc, SsoSettings sso, RegisterClientResponse registration,
            StartDeviceAuthorizationResponse device, Instant expiresAt, CompletableFuture<SsoSession> session)
            throws InterruptedException {
        Duration interval = device.interval() == null || device.interval() <= 0 ? DEFAULT_INTERVAL
                : Duration.ofSeconds(device.interval());
        while (!session.isDone()) {
            sleeper.sleep(interval);
            if (session.isDone()) {
                break;
            }
            if (!clock.instant().isBefore(expiresAt)) {
                throw expired(sso);
            }
            try {
                CreateTokenResponse token = oidc.createToken(r -> r.clientId(registration.clientId())
                        .clientSecret(registration.clientSecret()).grantType(DEVICE_CODE_GRANT)
                        .deviceCode(device.deviceCode()));
                return save(sso, registration, token);
            } catch (AuthorizationPendingException e) {
                // the user has not approved yet
            } catch (SlowDownException e) {
                interval = interval.plus(SLOW_DOWN_STEP);
            } catch (ExpiredTokenException e) {
                throw expired(sso);
            } catch (AccessDeniedException e) {
                throw new SsoSignInException("AWS SSO sign-in for profile " + sso.profile()
                        + " was denied in the browser; start again to retry.", e);
            } catch (SdkException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                throw new SsoSignInException("AWS SSO sign-in for profile " + sso.profile() + " failed: "
                        + describe(e), e);
            }
        }
        throw new CancellationException();
    }

    private SsoSession save(SsoSettings sso, RegisterClientResponse registration, CreateTokenResponse token) {
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(token.expiresIn() == null ? 3600 : token.expiresIn());
        Optional<Instant> registrationExpiresAt = Optional.ofNullable(registration.clientSecretExpiresAt())
                .filter(s -> s > 0).map(Instant::ofEpochSecond);
        Optional<String> refresh = Optional.ofNullable(token.refreshToken()).filter(s -> !s.isEmpty());
        cache.write(sso, new SsoToken(sso.startUrl(), sso.ssoRegion(), token.accessToken(), expiresAt, refresh,
                Optional.of(registration.clientId()), Optional.of(registration.clientSecret()),
                registrationExpiresAt));
        return new SsoSession(sso.profile(), expiresAt, refresh.isPresent());
    }

    private static SsoSignInException expired(SsoSettings sso) {
        return new SsoSignInException("The AWS SSO sign-in code for profile " + sso.profile()
                + " expired before it was approved; start the sign-in again.");
    }

    /** An SDK failure in one line: the service's error code and message, or the innermost cause (e.g. DNS). */
    static String describe(SdkException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
