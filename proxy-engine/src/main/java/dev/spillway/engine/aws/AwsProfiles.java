package dev.spillway.engine.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The profiles of an AWS config file, read once (the SDK's own parser; call {@link #read} again after the file
 * changes). Static keys usually live in the {@code credentials} file next to {@code config}; it is read too when
 * present, as the AWS CLI does.
 *
 * <pre>{@code
 * for (AwsProfile p : AwsProfiles.read(AwsProfiles.defaultConfigFile()).profiles()) {
 *     System.out.println(p.name() + " " + p.kind() + " " + p.region().orElse("-"));
 * }
 * }</pre>
 */
public final class AwsProfiles {

    private final Path configFile;
    private final ProfileFile file;

    private AwsProfiles(Path configFile, ProfileFile file) {
        this.configFile = configFile;
        this.file = file;
    }

    /** Reads {@code awsConfigFile} and the {@code credentials} file beside it; missing files mean no profiles. */
    public static AwsProfiles read(Path awsConfigFile) {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        Path credentials = awsConfigFile.resolveSibling("credentials");
        if (Files.isRegularFile(credentials)) {
            all.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        if (Files.isRegularFile(awsConfigFile)) {
            all.addFile(ProfileFile.builder().content(awsConfigFile).type(ProfileFile.Type.CONFIGURATION).build());
        }
        return new AwsProfiles(awsConfigFile, all.build());
    }

    /** {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}: where the AWS CLI and SDKs look. */
    public static Path defaultConfigFile() {
        return configFile(Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** The config file for a given home directory and environment ({@code AWS_CONFIG_FILE} wins). */
    public static Path configFile(Path home, Map<String, String> env) {
        String override = env.get("AWS_CONFIG_FILE");
        return override != null && !override.isBlank() ? Path.of(override) : home.resolve(".aws").resolve("config");
    }

    /** The SDK's own view of the same files, e.g. for {@code ProfileCredentialsProvider.builder().profileFile(...)}. */
    public ProfileFile profileFile() {
        return file;
    }

    /** The file this was read from. */
    public Path configFile() {
        return configFile;
    }

    /** Every profile, sorted by name ({@code default} first). */
    public List<AwsProfile> profiles() {
        Map<String, Profile> byName = new TreeMap<>((a, b) -> a.equals(b) ? 0
                : a.equals("default") ? -1 : b.equals("default") ? 1 : a.compareTo(b));
        byName.putAll(file.profiles());
        List<AwsProfile> list = new ArrayList<>();
        byName.values().forEach(p -> list.add(describe(p)));
        return list;
    }

    /** The named profile, if the files define it. */
    public Optional<AwsProfile> profile(String name) {
        return file.profile(name).map(AwsProfiles::describe);
    }

    /** The {@code source_profile} whose credentials a role profile assumes its role with, if it names one. */
    public Optional<String> sourceProfile(String profileName) {
        return file.profile(profileName).flatMap(p -> p.property("source_profile")).filter(s -> !s.isBlank());
    }

    /**
     * What signing in to {@code profileName} needs, or empty if it is not an SSO profile.
     *
     * @throws IllegalArgumentException if the profile names an {@code [sso-session]} that is missing or incomplete
     */
    public Optional<SsoSettings> sso(String profileName) {
        Optional<Profile> found = file.profile(profileName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Profile p = found.get();
        Optional<String> accountId = p.property("sso_account_id");
        Optional<String> roleName = p.property("sso_role_name");
        Optional<String> sessionName = p.property("sso_session");
        if (sessionName.isPresent()) {
            Profile session = file.getSection("sso-session", sessionName.get()).orElseThrow(() ->
                    new IllegalArgumentException("profile '" + profileName + "' uses sso_session '" + sessionName.get()
                            + "', but " + configFile + " has no [sso-session " + sessionName.get() + "] section"));
            String startUrl = required(session, "sso_start_url", sessionName.get());
            String region = required(session, "sso_region", sessionName.get());
            List<String> scopes = session.property("sso_registration_scopes")
                    .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                    .filter(l -> !l.isEmpty())
                    .orElse(List.of("sso:account:access"));
            return Optional.of(new SsoSettings(profileName, startUrl, region, sessionName, accountId, roleName, scopes));
        }
        Optional<String> startUrl = p.property("sso_start_url");
        Optional<String> region = p.property("sso_region");
        if (startUrl.isEmpty() || region.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SsoSettings(profileName, startUrl.get(), region.get(), Optional.empty(), accountId,
                roleName, List.of()));
    }

    private String required(Profile session, String key, String sessionName) {
        return session.property(key).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "[sso-session " + sessionName + "] in " + configFile + " has no " + key));
    }

    private static AwsProfile describe(Profile p) {
        return new AwsProfile(p.name(), p.property("region"), kindOf(p), p.property("sso_session"));
    }

    private static AwsProfile.Kind kindOf(Profile p) {
        if (p.property("sso_session").isPresent() || p.property("sso_start_url").isPresent()) {
            return AwsProfile.Kind.SSO;
        }
        if (p.property("aws_access_key_id").isPresent()) {
            return AwsProfile.Kind.STATIC_KEYS;
        }
        if (p.property("role_arn").isPresent()) {
            return AwsProfile.Kind.ROLE;
        }
        return AwsProfile.Kind.OTHER;
    }
}
