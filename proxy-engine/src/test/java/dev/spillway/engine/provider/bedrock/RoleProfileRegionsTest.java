package dev.spillway.engine.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;

class RoleProfileRegionsTest {

    private static ProfileFile config(String text) {
        return ProfileFile.builder().content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .type(ProfileFile.Type.CONFIGURATION).build();
    }

    private static final ProfileFile USER_FILES = config("""
            [default]
            role_arn = arn:aws:iam::111122223333:role/Default
            credential_source = Environment

            [profile bedrock-role]
            role_arn = arn:aws:iam::111122223333:role/BedrockAccess
            source_profile = dev

            [profile eu-role]
            role_arn = arn:aws:iam::111122223333:role/Eu
            source_profile = dev
            region = eu-west-1

            [profile dev]
            sso_session = my-sso
            sso_account_id = 111122223333
            sso_role_name = SampleRole

            [sso-session my-sso]
            sso_region = us-east-1
            sso_start_url = https://my-sso-portal.awsapps.com/start
            """);

    @Test
    void roleProfilesWithoutARegionGetTheDeploymentsAndAWrittenRegionWins() {
        ProfileFile seen = RoleProfileRegions.withRegion(USER_FILES, "us-west-2");

        assertThat(seen.profile("bedrock-role").flatMap(p -> p.property("region"))).contains("us-west-2");
        assertThat(seen.profile("default").flatMap(p -> p.property("region"))).contains("us-west-2");
        assertThat(seen.profile("eu-role").flatMap(p -> p.property("region"))).contains("eu-west-1");
        assertThat(seen.profile("bedrock-role").flatMap(p -> p.property("role_arn")))
                .contains("arn:aws:iam::111122223333:role/BedrockAccess");
    }

    @Test
    void everythingElseIsLeftAsWritten() {
        ProfileFile seen = RoleProfileRegions.withRegion(USER_FILES, "us-west-2");

        assertThat(seen.profile("dev").flatMap(p -> p.property("region"))).as("not a role profile").isEmpty();
        assertThat(seen.getSection("sso-session", "my-sso").flatMap(s -> s.property("sso_region")))
                .contains("us-east-1");
        assertThat(seen.profiles().keySet()).containsExactlyInAnyOrder("default", "bedrock-role", "eu-role", "dev");
    }

    @Test
    void withoutRoleProfilesTheFilesAreUsedAsRead() {
        ProfileFile keysOnly = config("""
                [profile keys]
                aws_access_key_id = AKIDSPILLWAYTEST
                aws_secret_access_key = spillway-test-secret
                """);

        assertThat(RoleProfileRegions.withRegion(keysOnly, "us-west-2")).isSameAs(keysOnly);
    }

    @Test
    void theFilesAreMergedAgainOnlyWhenTheyChange() {
        AtomicReference<ProfileFile> onDisk = new AtomicReference<>(USER_FILES);
        RoleProfileRegions files = new RoleProfileRegions(onDisk::get, "us-west-2");

        ProfileFile first = files.get();
        assertThat(files.get()).isSameAs(first);

        onDisk.set(config("""
                [profile new-role]
                role_arn = arn:aws:iam::111122223333:role/New
                source_profile = dev
                """));
        assertThat(files.get().profile("new-role").flatMap(p -> p.property("region"))).contains("us-west-2");
    }
}
