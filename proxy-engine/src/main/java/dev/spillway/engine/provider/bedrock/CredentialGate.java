package dev.spillway.engine.provider.bedrock;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.config.AwsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Stops a Bedrock call before it is made when its SSO profile's session has expired and cannot be renewed, or was
 * never started, so the caller gets "sign in" advice at once instead of a raw 403 after a round trip. The state comes
 * from the token cache, re-read in the background every few seconds: a request never waits on the file system after
 * the first.
 */
public final class CredentialGate {

    private static final String KEY = "state";
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final Optional<LoadingCache<String, CredentialState.Status>> state;

    private CredentialGate(Optional<LoadingCache<String, CredentialState.Status>> state) {
        this.state = state;
    }

    /** A gate that never stops a call (static keys, or credentials from outside any profile). */
    public static CredentialGate open() {
        return new CredentialGate(Optional.empty());
    }

    /**
     * The gate for a deployment: static keys are never stopped; otherwise its profile (the configured one, else
     * {@code AWS_PROFILE}, else {@code default}, unless environment keys take precedence) is checked.
     */
    public static CredentialGate forDeployment(AwsSettings aws, CredentialState credentials, Map<String, String> env) {
        if (aws.accessKeyId().isPresent()) {
            return open();
        }
        if (aws.profile().isEmpty() && env.containsKey("AWS_ACCESS_KEY_ID")) {
            return open(); // the SDK's default chain reads the environment before any profile
        }
        String profile = aws.profile().orElse(CredentialState.defaultProfile(env));
        LoadingCache<String, CredentialState.Status> cache = Caffeine.newBuilder()
                .refreshAfterWrite(RECHECK)
                .build(key -> credentials.check(profile));
        cache.get(KEY); // read once now, at start-up, rather than on the first request
        return new CredentialGate(Optional.of(cache));
    }

    /** Why a call would fail for sure, or empty if it may go ahead. */
    public Optional<String> refusal() {
        return state.map(cache -> cache.get(KEY))
                .filter(s -> s.sso() && s.needsSignIn())
                .map(CredentialState.Status::message);
    }
}
