package dev.spillway.ui.settings.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.CredentialState;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.aws.SsoTokenCache;
import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.TestSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS tab against a real ~/.aws/config in a temporary home and the SSO simulator (real SDK clients). */
class AwsTabViewModelTest {

    @TempDir
    Path home;

    private final AwsSsoSimulator sso = AwsSsoSimulator.start();
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private AwsTabViewModel tab;
    private ConfigDocument document;
    private SettingsStore store;

    @BeforeEach
    void setUp() throws Exception {
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
                sso_start_url = https://my-sso-portal.awsapps.com/start
                sso_registration_scopes = sso:account:access

                [profile keys]
                aws_access_key_id = AKIDSPILLWAYTEST
                aws_secret_access_key = spillway-test-secret
                """);
        Path config = aws.resolve("config");
        SsoTokenCache cache = SsoTokenCache.inHome(home);
        AwsAccess access = new AwsAccess(config, new CredentialState(config, cache, Clock.systemUTC()),
                new SsoSignIn(SsoClients.at(sso.baseUrl()), cache, Clock.systemUTC()));
        tab = new AwsTabViewModel(access, "default", Executors.newSingleThreadExecutor(), Runnable::run, opened::add,
                ZoneOffset.UTC);
        document = TestSettings.defaults();
        store = TestSettings.in(home.resolve("spillway"));
        tab.setValues(document);
    }

    @AfterEach
    void tearDown() {
        sso.close();
    }

    @Test
    void thePickerListsTheProfilesOfTheAwsConfig() {
        assertThat(tab.profiles()).containsExactly(AwsTabViewModel.DEFAULT_CHAIN, "default", "dev", "keys");
        assertThat(tab.profileProperty().get()).isEqualTo(AwsTabViewModel.DEFAULT_CHAIN);
        assertThat(tab.validate()).isTrue();
    }

    @Test
    void theChosenProfileAndRegionGoToEveryBedrockDeployment() {
        tab.profileProperty().set("keys");
        tab.regionProperty().set("eu-west-2");
        assertThat(tab.validate()).isTrue();

        SpillwayConfig config = TestSettings.storeAndLoad(tab, document, store);

        assertThat(config.deployments()).filteredOn(d -> d.provider().equals("bedrock")).hasSize(4)
                .allSatisfy(d -> {
                    assertThat(d.aws().profile()).contains("keys");
                    assertThat(d.aws().region()).contains("eu-west-2");
                });
        assertThat(config.deployments()).filteredOn(d -> d.provider().equals("anthropic"))
                .allSatisfy(d -> assertThat(d.aws().profile()).isEmpty());
        assertThat(tab.credentialStateProperty().get()).startsWith("Valid");
    }

    @Test
    void aBadRegionOrAProfileThatIsGoneIsCaughtInTheForm() {
        tab.regionProperty().set("europe");
        assertThat(tab.validate()).isFalse();
        assertThat(tab.regionErrorProperty().get()).contains("us-east-1");

        document.deployments().get(4).setParam("aws_profile_name", "deleted-profile");
        tab.setValues(document);
        assertThat(tab.validate()).isFalse();
        assertThat(tab.profileErrorProperty().get()).contains("No profile deleted-profile");
    }

    @Test
    void signingInShowsTheCodeOpensTheBrowserAndThenTheSessionsExpiry() throws Exception {
        tab.profileProperty().set("dev");
        assertThat(tab.credentialStateProperty().get()).startsWith("Missing");
        assertThat(tab.credentialsNeedSignInProperty().get()).isTrue();
        assertThat(tab.canSignInProperty().get()).isTrue();
        sso.scriptDevicePolls(AwsSsoSimulator.Poll.PENDING);

        tab.signIn().get(30, TimeUnit.SECONDS);

        assertThat(opened).singleElement().satisfies(uri -> assertThat(uri.toString()).contains("user_code=SIMU-"));
        assertThat(tab.signInStatusProperty().get()).startsWith("Signed in as dev; the session is valid until ");
        assertThat(tab.credentialStateProperty().get()).startsWith("Valid until ");
        assertThat(tab.credentialsNeedSignInProperty().get()).isFalse();
        assertThat(tab.signingInProperty().get()).isFalse();
    }

    @Test
    void aRefusedSignInSaysSo() throws Exception {
        tab.profileProperty().set("dev");
        sso.scriptDevicePolls(AwsSsoSimulator.Poll.DENIED);

        tab.signIn().get(30, TimeUnit.SECONDS);

        assertThat(tab.signInStatusProperty().get()).startsWith("Sign-in failed");
        assertThat(tab.credentialStateProperty().get()).startsWith("Missing");
    }

    @Test
    void onlySsoProfilesCanSignIn() {
        tab.profileProperty().set("keys");
        assertThat(tab.canSignInProperty().get()).isFalse();
    }
}
