package dev.spillway.engine.provider.bedrock;

import dev.spillway.engine.config.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Bedrock runtime clients, one per distinct region, credentials and endpoint, shared by the deployments that use
 * them. The SDK's own retries are off: a throttled call must reach the router at once so it can fall back.
 */
public final class BedrockClients implements AutoCloseable {

    private static final Region DEFAULT_REGION = Region.US_EAST_1;

    private final Map<Key, BedrockRuntimeAsyncClient> clients = new ConcurrentHashMap<>();
    /** One event loop for all clients; closed without Netty's default two-second quiet period. */
    private final SdkEventLoopGroup eventLoop = SdkEventLoopGroup.builder().numberOfThreads(2).build();

    private record Key(String region, AwsSettings aws, Optional<URI> endpoint) {
    }

    /** The client for these settings, built on first use. */
    public BedrockRuntimeAsyncClient client(AwsSettings aws, Optional<URI> endpoint) {
        String region = regionOf(aws);
        return clients.computeIfAbsent(new Key(region, aws, endpoint), key -> build(key.region, aws, endpoint));
    }

    private BedrockRuntimeAsyncClient build(String region, AwsSettings aws, Optional<URI> endpoint) {
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoop)
                .maxConcurrency(256)
                .connectionTimeout(Duration.ofSeconds(10));
        // Over plain http (a company gateway, a test double) the SDK would otherwise try HTTP/2 prior knowledge.
        endpoint.filter(uri -> "http".equals(uri.getScheme())).ifPresent(uri -> http.protocol(Protocol.HTTP1_1));
        var builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(aws, region))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK's default region chain without its last step, the EC2 instance metadata service: off EC2 (a laptop, most
     * servers running Spillway) that probe takes seconds to time out, at every start. On EC2, set AWS_REGION.
     */
    private static final AwsRegionProviderChain LOCAL_REGION_SOURCES = new AwsRegionProviderChain(
            new SystemSettingsRegionProvider(), new AwsProfileRegionProvider());

    /** The deployment's own region, else its profile's, else AWS_REGION or the default profile's, else us-east-1. */
    public static String regionOf(AwsSettings aws) {
        if (aws.region().isPresent()) {
            return aws.region().get();
        }
        Optional<String> fromProfile = aws.profile().flatMap(name -> {
            try {
                return ProfileFile.defaultProfileFile().profile(name).flatMap(p -> p.property("region"));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        if (fromProfile.isPresent()) {
            return fromProfile.get();
        }
        try {
            return LOCAL_REGION_SOURCES.getRegion().id();
        } catch (RuntimeException e) {
            return DEFAULT_REGION.id();
        }
    }

    private static AwsCredentialsProvider credentials(AwsSettings aws, String region) {
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            String id = aws.accessKeyId().get();
            String secret = aws.secretAccessKey().get();
            return StaticCredentialsProvider.create(aws.sessionToken().isPresent()
                    ? AwsSessionCredentials.create(id, secret, aws.sessionToken().get())
                    : AwsBasicCredentials.create(id, secret));
        }
        if (aws.profile().isPresent()) {
            return ProfileCredentialsProvider.builder()
                    .profileFile(RoleProfileRegions.ofUserFiles(region))
                    .profileName(aws.profile().get())
                    .build();
        }
        // The SDK's chain (environment, AWS_PROFILE or the default profile, containers, EC2), its profile step reading
        // the same region-completed files, so a role profile named by AWS_PROFILE is assumed as above.
        return DefaultCredentialsProvider.builder().profileFile(RoleProfileRegions.ofUserFiles(region)).build();
    }

    @Override
    public void close() {
        clients.values().forEach(BedrockRuntimeAsyncClient::close);
        clients.clear();
        eventLoop.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
