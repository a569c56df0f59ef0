package dev.spillway.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsHome;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.simulators.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update-models asks the Anthropic and Bedrock simulators (the real SDK, signed) and updates the aliases. */
class UpdateModelsCommandTest {

    private static final String CONFIG = """
            model_list:
              # Opus for the hard stuff
              - model_name: claude-opus
                litellm_params:
                  model: anthropic/claude-opus-4-1-20250805
              - model_name: claude-sonnet
                litellm_params:
                  model: anthropic/claude-sonnet-4-5-20250929
              - model_name: bedrock/claude-opus
                litellm_params:
                  model: bedrock/claude-opus-4-1-20250805
                  aws_profile_name: keys
            """;

    @TempDir
    Path home;

    private final AnthropicSimulator anthropic = AnthropicSimulator.start();
    private final BedrockSimulator bedrock = BedrockSimulator.start();
    private CliRun cli;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        AwsHome.create(home);
        cli = new CliRun(home);
        cli.env.put("ANTHROPIC_API_KEY", "sk-ant-api03-test-discovery");
        cli.env.put("AWS_ENDPOINT_URL_BEDROCK", bedrock.baseUrl().toString());
        config = Files.writeString(home.resolve("config.yaml"), CONFIG);
    }

    @AfterEach
    void tearDown() {
        anthropic.close();
        bedrock.close();
    }

    private CliRun.Result update(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "update-models";
        args[1] = "--config";
        args[2] = config.toString();
        args[3] = "--anthropic-url=" + anthropic.baseUrl();
        System.arraycopy(more, 0, args, 4, more.length);
        return cli.run(args);
    }

    @Test
    void showsTheDifferenceAndAppliesItOnConfirmation() throws Exception {
        cli.input = "y\n";

        CliRun.Result result = update();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Anthropic (" + anthropic.baseUrl() + "): 3 Claude models")
                .contains("  + claude-haiku-4-5-20251001  (not named in the config)")
                .contains("Bedrock (us-east-1): 4 Anthropic models, 3 inference profiles")
                .contains("update claude-opus            anthropic/claude-opus-4-1-20250805 -> "
                        + "anthropic/claude-opus-4-5-20251101")
                .contains("update bedrock/claude-opus    bedrock/claude-opus-4-1-20250805 -> "
                        + "bedrock/claude-opus-4-5-20251101")
                .contains("Update " + config + "? [y/N]").contains("Updated " + config);
        assertThat(Files.readString(config)).isEqualTo(CONFIG
                .replace("anthropic/claude-opus-4-1-20250805", "anthropic/claude-opus-4-5-20251101")
                .replace("bedrock/claude-opus-4-1-20250805", "bedrock/claude-opus-4-5-20251101"));
        assertThat(Files.readString(home.resolve("config.yaml.bak"))).isEqualTo(CONFIG);

        RecordedRequest models = anthropic.takeRequest();
        assertThat(models.path()).startsWith("/v1/models");
        assertThat(models.header("x-api-key")).isEqualTo("sk-ant-api03-test-discovery");
        RecordedRequest listed = bedrock.takeRequest();
        assertThat(listed.path()).isEqualTo("/foundation-models?byProvider=Anthropic");
        assertThat(listed.accessKeyId()).as("signed with the profile's keys").isEqualTo(
                BedrockSimulator.TEST_ACCESS_KEY_ID);
        assertThat(bedrock.takeRequest().path()).startsWith("/inference-profiles");

        assertThat(update().out()).contains("The aliases are up to date.");
    }

    @Test
    void declinedChangesNothingAndExitsWithFour() throws Exception {
        cli.input = "n\n";

        CliRun.Result result = update();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(result.out()).contains("Nothing changed.");
        assertThat(Files.readString(config)).isEqualTo(CONFIG);
    }

    @Test
    void anAccountThatCannotBeAskedIsSkippedWithTheReason() throws Exception {
        cli.env.remove("ANTHROPIC_API_KEY");

        CliRun.Result result = update("--yes", "--aws-profile", "dev");

        assertThat(result.out()).contains("Anthropic: skipped (no key: pass --anthropic-key or set ANTHROPIC_API_KEY)")
                .contains("Bedrock: skipped (profile dev");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).contains("no account could be asked");
    }

    @Test
    void bedrockRefusingTheSignatureIsReportedInItsOwnWords() throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), """
                [stranger]
                aws_access_key_id = AKIDNOTKNOWNHERE
                aws_secret_access_key = not-the-secret
                """, StandardOpenOption.APPEND);

        CliRun.Result result = update("--yes", "--aws-profile", "stranger");

        assertThat(result.out()).contains("Bedrock: skipped (profile stranger, us-east-1: cannot list Bedrock "
                + "models in us-east-1: /foundation-models answered 403 UnrecognizedClientException: ");
        assertThat(result.exitCode()).as("Anthropic was still asked").isZero();
    }

    @Test
    void theBuiltInConfigIsComparedOnly() {
        CliRun.Result result = cli.run("update-models", "--anthropic-url=" + anthropic.baseUrl(), "--no-bedrock");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("The aliases are up to date.");
    }
}
