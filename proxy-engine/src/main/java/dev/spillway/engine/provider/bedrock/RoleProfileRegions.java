package dev.spillway.engine.provider.bedrock;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The user's AWS profile files as the SDK reads them (reloaded when they change), where every profile that assumes a
 * role ({@code role_arn}) but names no {@code region} gets the deployment's region.
 *
 * <p>The SDK builds the STS client for such a profile in the profile's own region. Without one it asks the default
 * region chain, whose last step probes the EC2 instance metadata service (seconds lost off EC2, on the first Bedrock
 * call), and then pins the global endpoint {@code https://sts.amazonaws.com}, which also overrides
 * {@code AWS_ENDPOINT_URL_STS}. With the deployment's region it uses that region's STS endpoint, as AWS recommends, and
 * honours the endpoint variables. A region the user wrote always wins.
 */
final class RoleProfileRegions implements Supplier<ProfileFile> {

    private final Supplier<ProfileFile> userFiles;
    private final String region;
    private ProfileFile lastRead; // guarded by this
    private ProfileFile lastAnswer; // guarded by this

    RoleProfileRegions(Supplier<ProfileFile> userFiles, String region) {
        this.userFiles = userFiles;
        this.region = region;
    }

    /** Over {@code ~/.aws/config} and {@code ~/.aws/credentials} (or their {@code AWS_*_FILE} overrides). */
    static RoleProfileRegions ofUserFiles(String region) {
        return new RoleProfileRegions(ProfileFileSupplier.defaultSupplier(), region);
    }

    @Override
    public synchronized ProfileFile get() {
        ProfileFile read = userFiles.get();
        if (!Objects.equals(read, lastRead)) {
            lastRead = read;
            lastAnswer = withRegion(read, region);
        }
        return lastAnswer;
    }

    static ProfileFile withRegion(ProfileFile file, String region) {
        StringBuilder regions = new StringBuilder();
        for (Profile profile : file.profiles().values()) {
            if (profile.property(ProfileProperty.ROLE_ARN).isPresent()
                    && profile.property(ProfileProperty.REGION).isEmpty()) {
                String section = profile.name().equals("default") ? "[default]" : "[profile " + profile.name() + "]";
                regions.append(section).append("\nregion = ").append(region).append('\n');
            }
        }
        if (regions.isEmpty()) {
            return file;
        }
        ProfileFile added = ProfileFile.builder()
                .content(new ByteArrayInputStream(regions.toString().getBytes(StandardCharsets.UTF_8)))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        return ProfileFile.aggregator().addFile(file).addFile(added).build(); // earlier files take precedence
    }
}
