package dev.spillway.engine.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary home directory with a sample {@code ~/.aws/config}: every kind of profile, both SSO formats. */
public final class AwsHome {

    public static final String SESSION_START_URL = "https://my-sso-portal.awsapps.com/start";
    public static final String LEGACY_START_URL = "https://example.awsapps.com/start";

    private final Path home;

    private AwsHome(Path home) {
        this.home = home;
    }

    /** Writes the sample config under {@code home}. */
    public static AwsHome create(Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [default]
                region = eu-central-1

                [profile dev]
                sso_session = my-sso
                sso_account_id = 111122223333
                sso_role_name = SampleRole
                region = us-east-1

                [sso-session my-sso]
                sso_region = us-east-1
                sso_start_url = %s
                sso_registration_scopes = sso:account:access

                [profile some-account-developer]
                sso_start_url = %s
                sso_region = eu-west-1
                sso_account_id = 123456789012
                sso_role_name = developer
                region = eu-west-1

                [profile admin]
                role_arn = arn:aws:iam::123456789012:role/Admin
                source_profile = keys

                [profile broken]
                sso_session = nowhere
                """.formatted(SESSION_START_URL, LEGACY_START_URL));
        Files.writeString(aws.resolve("credentials"), """
                [keys]
                aws_access_key_id = AKIDSPILLWAYTEST
                aws_secret_access_key = spillway-test-secret
                """);
        return new AwsHome(home);
    }

    public Path home() {
        return home;
    }

    public Path configFile() {
        return home.resolve(".aws/config");
    }

    public SsoTokenCache cache() {
        return SsoTokenCache.inHome(home);
    }

    public AwsProfiles profiles() {
        return AwsProfiles.read(configFile());
    }
}
