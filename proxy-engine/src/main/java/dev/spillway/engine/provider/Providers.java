package dev.spillway.engine.provider;

import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.UserHome;
import dev.spillway.engine.config.DeploymentConfig;
import dev.spillway.engine.provider.anthropic.AnthropicProvider;
import dev.spillway.engine.provider.bedrock.BedrockClients;
import dev.spillway.engine.provider.bedrock.BedrockProvider;
import dev.spillway.engine.provider.bedrock.CredentialGate;
import dev.spillway.engine.provider.openai.OpenAiCompatibleKind;
import dev.spillway.engine.provider.openai.OpenAiCompatibleProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds each deployment's provider, sharing the HTTP clients between deployments. */
public final class Providers implements AutoCloseable {

    /** Provider prefixes this version can call. */
    public static final Set<String> SUPPORTED = Set.of("anthropic", "bedrock", "openai", "openrouter", "groq",
            "deepseek", "ollama");

    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
            .socketFactory(new NoDelaySocketFactory())
            .build();
    private final BedrockClients bedrock = new BedrockClients();
    private final CredentialState awsCredentials;
    private final Map<String, String> environment;

    /** Providers for the user running Spillway: their AWS profiles and SSO sessions, the process environment. */
    public Providers() {
        this(CredentialState.forUser(UserHome.of(System.getenv()), System.getenv()), System.getenv());
    }

    /**
     * @param awsCredentials where Bedrock deployments check their SSO session before each call
     * @param environment the environment the AWS SDK's default credential chain reads
     */
    public Providers(CredentialState awsCredentials, Map<String, String> environment) {
        this.awsCredentials = awsCredentials;
        this.environment = environment;
    }

    /** The provider for a deployment, or empty if this version cannot call its kind of upstream. */
    public Optional<Provider> create(DeploymentConfig deployment) {
        return switch (deployment.provider()) {
            case "anthropic" -> Optional.of(new AnthropicProvider(http, deployment.apiBase(), deployment.apiKey()));
            case "bedrock" -> Optional.of(new BedrockProvider(bedrock, deployment,
                    CredentialGate.forDeployment(deployment.aws(), awsCredentials, environment)));
            default -> OpenAiCompatibleKind.forPrefix(deployment.provider()).map(kind -> new OpenAiCompatibleProvider(
                    http, kind, deployment.apiBase(), deployment.apiKey(), extraHeaders(deployment),
                    supportsReasoning(deployment)));
        };
    }

    /** {@code litellm_params.supports_reasoning}, if the deployment says. */
    private static Optional<Boolean> supportsReasoning(DeploymentConfig deployment) {
        Object raw = deployment.extraParams().get("supports_reasoning");
        return raw instanceof Boolean b ? Optional.of(b)
                : raw == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(raw.toString()));
    }

    /** {@code litellm_params.extra_headers}: a map of header names to values, sent with every call. */
    private static Map<String, String> extraHeaders(DeploymentConfig deployment) {
        Object raw = deployment.extraParams().get("extra_headers");
        Map<String, String> headers = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name.toString(), value.toString());
                }
            });
        }
        return headers;
    }

    @Override
    public void close() {
        bedrock.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
