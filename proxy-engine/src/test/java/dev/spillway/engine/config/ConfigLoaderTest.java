package dev.spillway.engine.config;

import static dev.spillway.engine.config.TestConfigs.MINIMAL;
import static dev.spillway.engine.config.TestConfigs.errorOf;
import static dev.spillway.engine.config.TestConfigs.parse;
import static dev.spillway.engine.config.TestConfigs.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> REALISTIC_ENV = Map.of(
            "ANTHROPIC_API_KEY", "sk-ant-test-1",
            "AWS_REGION", "eu-central-1",
            "AWS_ACCESS_KEY_ID", "AKIATEST",
            "AWS_SECRET_ACCESS_KEY", "aws-secret-test",
            "OPENAI_API_KEY", "sk-openai-test",
            "OPENROUTER_API_KEY", "sk-or-test",
            "LITELLM_MASTER_KEY", "sk-master-test");

    @TempDir
    Path dir;

    @Test
    void readsARealisticLiteLlmConfig() {
        SpillwayConfig config = parse(resource("litellm-realistic.yaml"), REALISTIC_ENV);

        assertThat(config.source()).contains(Path.of("config.yaml"));
        assertThat(config.deployments()).extracting(DeploymentConfig::modelName)
                .containsExactly("claude-sonnet", "claude-sonnet", "claude-sonnet", "gpt-4o", "or-qwen", "local-vllm");

        DeploymentConfig direct = config.deployments().get(0);
        assertThat(direct.provider()).isEqualTo("anthropic");
        assertThat(direct.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(direct.id()).isEqualTo("anthropic-direct");
        assertThat(direct.apiKey()).contains("sk-ant-test-1");
        assertThat(direct.timeout()).contains(Duration.ofSeconds(120));
        assertThat(direct.aws()).isEqualTo(AwsSettings.none());
        assertThat(direct.extraParams()).containsExactlyInAnyOrderEntriesOf(
                Map.of("rpm", 500, "tpm", 400000, "stream_timeout", 60));

        DeploymentConfig profile = config.deployments().get(1);
        assertThat(profile.provider()).isEqualTo("bedrock");
        assertThat(profile.model()).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(profile.aws().region()).contains("us-east-1");
        assertThat(profile.aws().profile()).contains("prod");
        assertThat(profile.aws().accessKeyId()).isEmpty();
        assertThat(profile.extraParams()).isEqualTo(Map.of("order", 2));

        DeploymentConfig keys = config.deployments().get(2);
        assertThat(keys.model()).as("invoke/ route prefix stripped")
                .isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(keys.aws().region()).contains("eu-central-1");
        assertThat(keys.aws().accessKeyId()).contains("AKIATEST");
        assertThat(keys.aws().secretAccessKey()).contains("aws-secret-test");
        assertThat(keys.apiBase()).contains(URI.create("https://bedrock-runtime.us-west-2.amazonaws.com"));
        assertThat(keys.timeout()).contains(Duration.ofMillis(30_500));
        assertThat(keys.bedrockModelIds())
                .isEqualTo(Map.of("claude-sonnet-4-5-20250929", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"));

        DeploymentConfig openRouter = config.deployments().get(4);
        assertThat(openRouter.provider()).isEqualTo("openrouter");
        assertThat(openRouter.model()).isEqualTo("qwen/qwen3-coder");

        DeploymentConfig vllm = config.deployments().get(5);
        assertThat(vllm.provider()).isEqualTo("openai");
        assertThat(vllm.model()).isEqualTo("facebook/opt-125m");
        assertThat(vllm.apiBase()).contains(URI.create("http://vllm:8000/v1"));
        assertThat(vllm.apiKey()).contains("none");
        assertThat(vllm.extraParams()).isEqualTo(Map.of("extra_headers", Map.of("X-Team", "platform")));

        RouterSettings router = config.router();
        assertThat(router.numRetries()).as("router_settings beats litellm_settings").isEqualTo(3);
        assertThat(router.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(router.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(router.allowedFails()).isEqualTo(1);
        assertThat(router.cooldownTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(router.fallbacks()).isEqualTo(Map.of(
                "claude-sonnet", List.of("gpt-4o", "or-qwen"),
                "gpt-4o", List.of("claude-sonnet")));
        assertThat(router.retryPolicy()).isEqualTo(Map.of("RateLimitErrorRetries", 0, "TimeoutErrorRetries", 2));

        assertThat(config.general().masterKey()).contains("sk-master-test");
        assertThat(config.general().allowedOrigins()).containsExactly("http://localhost:3000");

        assertThat(router.routingStrategy()).isEqualTo(RoutingStrategy.SIMPLE_SHUFFLE);

        assertThat(config.warnings()).containsExactly(
                "config.yaml: router_settings.redis_host: not supported by Spillway yet; ignored",
                "config.yaml: litellm_settings.drop_params: not supported by Spillway yet; ignored",
                "config.yaml: general_settings.database_url: its environment variable is not set; ignored (Spillway keeps "
                        + "spend in its data directory)");
    }

    @Test
    void deploymentsOfOneGroupKeepFileOrderAndGetDistinctIds() {
        SpillwayConfig config = parse(resource("litellm-realistic.yaml"), REALISTIC_ENV);

        assertThat(config.deployments()).extracting(DeploymentConfig::id).doesNotHaveDuplicates();
        assertThat(config.deployments().get(1).id()).matches("[0-9a-f]{12}");
        assertThat(parse(resource("litellm-realistic.yaml"), REALISTIC_ENV).deployments())
                .as("derived ids are stable")
                .extracting(DeploymentConfig::id)
                .isEqualTo(config.deployments().stream().map(DeploymentConfig::id).toList());
    }

    @Test
    void resolvesEnvironmentReferencesAndConvertsThemToTheExpectedType() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: os.environ/GROUP
                    litellm_params:
                      model: os.environ/MODEL
                      timeout: os.environ/TIMEOUT
                router_settings:
                  num_retries: os.environ/RETRIES
                  disable_cooldowns: os.environ/NO_COOLDOWNS
                """, Map.of("GROUP", "claude-sonnet", "MODEL", "anthropic/claude-sonnet-4-5", "TIMEOUT", "30",
                "RETRIES", "5", "NO_COOLDOWNS", "true"));

        DeploymentConfig d = config.deployments().get(0);
        assertThat(d.modelName()).isEqualTo("claude-sonnet");
        assertThat(d.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(d.timeout()).contains(Duration.ofSeconds(30));
        assertThat(config.router().numRetries()).isEqualTo(5);
        assertThat(config.router().cooldownTime()).isZero();
    }

    @Test
    void resolvesEnvironmentReferencesInsidePassedThroughParameters() {
        SpillwayConfig config = parse("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      extra_headers:
                        X-Org: os.environ/ORG
                      tags: [os.environ/TAG]
                """, Map.of("ORG", "acme", "TAG", "prod"));

        assertThat(config.deployments().get(0).extraParams())
                .isEqualTo(Map.of("extra_headers", Map.of("X-Org", "acme"), "tags", List.of("prod")));
    }

    @Test
    void readsTheDotEnvFileBesideTheConfigFile() throws Exception {
        Path file = write("config.yaml", """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/ANTHROPIC_API_KEY
                """);
        write(".env", """
                # secrets for local runs
                export ANTHROPIC_API_KEY="sk-ant-from-dotenv"
                """);

        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).load(file);

        assertThat(config.deployments().get(0).apiKey()).contains("sk-ant-from-dotenv");
        assertThat(config.source()).contains(file);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void theRealEnvironmentBeatsDotEnv() throws Exception {
        Path file = write("config.yaml", """
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/ANTHROPIC_API_KEY
                """);
        write(".env", "ANTHROPIC_API_KEY=sk-ant-from-dotenv\n");

        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-real")).load(file);

        assertThat(config.deployments().get(0).apiKey()).contains("sk-ant-real");
    }

    @Test
    void environmentVariablesOfTheConfigAreTheLowestLayer() throws Exception {
        String yaml = """
                environment_variables:
                  A: from-config
                  B: from-config
                  C: from-config
                  TIMEOUT: 45
                model_list:
                  - model_name: os.environ/A
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/B
                      api_base: https://example.test
                      timeout: os.environ/TIMEOUT
                    model_info:
                      id: os.environ/C
                """;
        Path file = write("config.yaml", yaml);
        write(".env", "B=from-dotenv\nC=from-dotenv\n");

        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of("C", "from-real-env")).load(file);

        DeploymentConfig d = config.deployments().get(0);
        assertThat(d.modelName()).isEqualTo("from-config");
        assertThat(d.apiKey()).contains("from-dotenv");
        assertThat(d.id()).isEqualTo("from-real-env");
        assertThat(d.timeout()).contains(Duration.ofSeconds(45));
    }

    @Test
    void environmentVariablesMayThemselvesReferToTheEnvironment() {
        SpillwayConfig config = parse("""
                environment_variables:
                  KEY_ALIAS: os.environ/REAL_KEY
                model_list:
                  - model_name: claude-sonnet
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/KEY_ALIAS
                """, Map.of("REAL_KEY", "sk-real"));

        assertThat(config.deployments().get(0).apiKey()).contains("sk-real");
    }

    @Test
    void aConfigWithoutDotEnvLoadsFromTheEnvironmentAlone() throws Exception {
        Path file = write("spillway.yaml", MINIMAL);

        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).load(file);

        assertThat(config.deployments()).hasSize(1);
        assertThat(config.router()).isEqualTo(RouterSettings.defaults());
        assertThat(config.general()).isEqualTo(GeneralSettings.defaults());
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void unreadableDotEnvLinesAreWarnedAboutWithoutTheirContent() throws Exception {
        Path file = write("config.yaml", MINIMAL);
        write(".env", "GOOD=1\nthis line has sk-secret-in-it\n");

        SpillwayConfig config = ConfigLoader.withEnvironment(Map.of()).load(file);

        assertThat(config.warnings()).singleElement().asString()
                .endsWith(".env: line 2: not a KEY=VALUE line; ignored")
                .doesNotContain("sk-secret");
    }

    @Test
    void aMissingFileIsAConfigException() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a directory, not a config file");
    }

    @Test
    void anEmptyFileIsAnErrorWithAHint() throws Exception {
        Path file = write("config.yaml", "# nothing yet\n");

        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": the file is empty; it needs at least a model_list, e.g. model_list:");
    }

    @Test
    void aFileWithoutModelListIsAnErrorWithAHint() {
        assertThat(errorOf("router_settings:\n  num_retries: 1\n"))
                .startsWith("config.yaml: no model_list; it is required and names the models clients may ask for, "
                        + "e.g. model_list: [{model_name: claude-sonnet");
    }

    @Test
    void textWithoutASourceIsNamedConfigText() {
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).parse("", Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).startsWith("config text: the file is empty");
                    assertThat(e.source()).contains("config text");
                    assertThat(e.keyPath()).isEmpty();
                });
    }

    @Test
    void exceptionsExposeSourceKeyPathAndProblem() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("claude-sonnet-4-5-20250929", "claude-x\n      timeout: abc")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).contains("config.yaml");
                    assertThat(e.keyPath()).contains("model_list[0].litellm_params.timeout");
                    assertThat(e.problem()).isEqualTo("expected a number of seconds, found \"abc\"");
                });
    }

    @Test
    void acceptsAByteOrderMark() {
        assertThat(parse("\uFEFF" + MINIMAL).deployments()).hasSize(1);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
