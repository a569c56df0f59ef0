package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfilesTest {

    @TempDir
    Path home;

    @Test
    void listsEveryProfileWithItsRegionAndKind() throws Exception {
        AwsProfiles profiles = AwsHome.create(home).profiles();

        assertThat(profiles.profiles()).containsExactly(
                new AwsProfile("default", Optional.of("eu-central-1"), AwsProfile.Kind.OTHER, Optional.empty()),
                new AwsProfile("admin", Optional.empty(), AwsProfile.Kind.ROLE, Optional.empty()),
                new AwsProfile("broken", Optional.empty(), AwsProfile.Kind.SSO, Optional.of("nowhere")),
                new AwsProfile("dev", Optional.of("us-east-1"), AwsProfile.Kind.SSO, Optional.of("my-sso")),
                new AwsProfile("keys", Optional.empty(), AwsProfile.Kind.STATIC_KEYS, Optional.empty()),
                new AwsProfile("some-account-developer", Optional.of("eu-west-1"), AwsProfile.Kind.SSO,
                        Optional.empty()));
    }

    @Test
    void ssoSessionProfilesTakeStartUrlAndRegionFromTheSessionSection() throws Exception {
        SsoSettings sso = AwsHome.create(home).profiles().sso("dev").orElseThrow();

        assertThat(sso).isEqualTo(new SsoSettings("dev", AwsHome.SESSION_START_URL, "us-east-1",
                Optional.of("my-sso"), Optional.of("111122223333"), Optional.of("SampleRole"),
                List.of("sso:account:access")));
        assertThat(sso.cacheKey()).isEqualTo("my-sso");
        assertThat(sso.refreshable()).isTrue();
    }

    @Test
    void legacyProfilesAreKeyedByStartUrlAndDoNotRefresh() throws Exception {
        SsoSettings sso = AwsHome.create(home).profiles().sso("some-account-developer").orElseThrow();

        assertThat(sso.startUrl()).isEqualTo(AwsHome.LEGACY_START_URL);
        assertThat(sso.ssoRegion()).isEqualTo("eu-west-1");
        assertThat(sso.cacheKey()).isEqualTo(AwsHome.LEGACY_START_URL);
        assertThat(sso.refreshable()).isFalse();
    }

    @Test
    void nonSsoAndUnknownProfilesHaveNoSsoSettings() throws Exception {
        AwsProfiles profiles = AwsHome.create(home).profiles();

        assertThat(profiles.sso("keys")).isEmpty();
        assertThat(profiles.sso("nope")).isEmpty();
    }

    @Test
    void aMissingSsoSessionSectionIsNamed() throws Exception {
        AwsProfiles profiles = AwsHome.create(home).profiles();

        assertThatThrownBy(() -> profiles.sso("broken"))
                .hasMessageContaining("[sso-session nowhere]").hasMessageContaining("broken");
    }

    @Test
    void noConfigFileMeansNoProfiles() {
        assertThat(AwsProfiles.read(home.resolve(".aws/config")).profiles()).isEmpty();
    }

    @Test
    void theHomeDirectoryIsHomeFirstAsForTheAwsSdk() {
        assertThat(UserHome.of(Map.of("HOME", "/home/someone", "USERPROFILE", "C:\\Users\\x")))
                .isEqualTo(Path.of("/home/someone"));
        assertThat(UserHome.of(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void theConfigFileFollowsAwsConfigFile() {
        assertThat(AwsProfiles.configFile(home, Map.of())).isEqualTo(home.resolve(".aws/config"));
        assertThat(AwsProfiles.configFile(home, Map.of("AWS_CONFIG_FILE", "/etc/aws.cfg")))
                .isEqualTo(Path.of("/etc/aws.cfg"));
    }
}
