package dev.spillway.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoTokenCacheTest {

    @TempDir
    Path home;

    @Test
    void fileNamesAreTheSha1OfTheSessionNameOrLegacyStartUrlAsTheAwsCliNamesThem() throws Exception {
        AwsHome aws = AwsHome.create(home);
        SsoTokenCache cache = aws.cache();

        assertThat(cache.fileFor(aws.profiles().sso("dev").orElseThrow().cacheKey()))
                .isEqualTo(home.resolve(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
        assertThat(cache.fileFor(aws.profiles().sso("some-account-developer").orElseThrow().cacheKey()))
                .isEqualTo(home.resolve(".aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json"));
    }

    @Test
    void readsATokenTheAwsCliWrote() throws Exception {
        AwsHome aws = AwsHome.create(home);
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();
        Path file = Files.createDirectories(home.resolve(".aws/sso/cache"))
                .resolve("0ad374308c5a4e22f723adf10145eafad7c4031c.json");
        Files.writeString(file, """
                {"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1", \
                "accessToken": "cli-access", "expiresAt": "2026-11-23T18:00:00Z", "clientId": "cli-client", \
                "clientSecret": "cli-secret", "registrationExpiresAt": "2027-02-21T10:00:00Z", \
                "refreshToken": "cli-refresh"}""");

        SsoToken token = aws.cache().read(dev).orElseThrow();

        assertThat(token.accessToken()).isEqualTo("cli-access");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
        assertThat(token.refreshToken()).contains("cli-refresh");
        assertThat(token.canRefresh(Instant.parse("2026-11-23T19:00:00Z"))).isTrue();
        assertThat(token.canRefresh(Instant.parse("2027-03-01T00:00:00Z"))).as("registration expired").isFalse();
    }

    @Test
    void writesTheCliFieldsOwnerOnlyAndKeepsFieldsItDoesNotKnow() throws Exception {
        AwsHome aws = AwsHome.create(home);
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();
        Path file = Files.createDirectories(aws.cache().directory()).resolve(aws.cache().fileFor("my-sso").getFileName());
        Files.writeString(file, "{\"accessToken\":\"old\",\"expiresAt\":\"2026-01-01T00:00:00Z\",\"extra\":\"kept\"}");

        aws.cache().write(dev, new SsoToken(AwsHome.SESSION_START_URL, "us-east-1", "new-access",
                Instant.parse("2026-11-23T18:00:00.750Z"), Optional.of("new-refresh"), Optional.of("client"),
                Optional.of("secret"), Optional.of(Instant.parse("2027-02-21T10:00:00Z"))));

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("accessToken").asText()).isEqualTo("new-access");
        assertThat(json.get("expiresAt").asText()).isEqualTo("2026-11-23T18:00:00Z");
        assertThat(json.get("registrationExpiresAt").asText()).isEqualTo("2027-02-21T10:00:00Z");
        assertThat(json.get("startUrl").asText()).isEqualTo(AwsHome.SESSION_START_URL);
        assertThat(json.get("region").asText()).isEqualTo("us-east-1");
        assertThat(json.get("refreshToken").asText()).isEqualTo("new-refresh");
        assertThat(json.get("clientId").asText()).isEqualTo("client");
        assertThat(json.get("clientSecret").asText()).isEqualTo("secret");
        assertThat(json.get("extra").asText()).isEqualTo("kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aCorruptFileIsReportedWithItsPath() throws Exception {
        AwsHome aws = AwsHome.create(home);
        SsoSettings dev = aws.profiles().sso("dev").orElseThrow();
        Path file = Files.createDirectories(aws.cache().directory()).resolve(aws.cache().fileFor("my-sso").getFileName());
        Files.writeString(file, "{\"accessToken\":\"no expiry\"}");

        assertThatThrownBy(() -> aws.cache().read(dev)).hasMessageContaining(file.toString())
                .hasMessageContaining("sign in again");
    }

    @Test
    void noFileMeansNoToken() throws Exception {
        AwsHome aws = AwsHome.create(home);

        assertThat(aws.cache().read(aws.profiles().sso("dev").orElseThrow())).isEmpty();
    }
}
