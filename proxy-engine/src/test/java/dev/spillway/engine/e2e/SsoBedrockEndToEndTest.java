package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsHome;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.engine.cli.SpillwayCli;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.simulators.RecordedRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fallback path with an AWS SSO profile, as a user runs it: sign in (device flow, token cache written as the
 * AWS CLI does), then `spillway serve` in its own process with that home; Anthropic answers 429 and the AWS SDK inside
 * Spillway turns the cached SSO token into role credentials at the SSO portal and signs the Bedrock call with them.
 */
class SsoBedrockEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path home;

    @Test
    void aRateLimitedRequestIsServedByBedrockWithTheSsoProfilesRoleCredentials() throws Exception {
        try (AwsSsoSimulator sso = AwsSsoSimulator.start();
                AnthropicSimulator anthropic = AnthropicSimulator.start();
                BedrockSimulator bedrock = BedrockSimulator.start(AwsSsoSimulator.ROLE_ACCESS_KEY_ID,
                        AwsSsoSimulator.ROLE_SECRET_ACCESS_KEY)) {
            AwsHome aws = AwsHome.create(home);
            new SsoSignIn(SsoClients.at(sso.baseUrl()), aws.cache(), Clock.systemUTC())
                    .start(aws.profiles().sso("dev").orElseThrow()).session().get(30, TimeUnit.SECONDS);
            anthropic.setDefaultReply(AnthropicReply.rateLimited(30));
            bedrock.setDefaultReply(BedrockReply.text("served with SSO role credentials"));
            Path config = home.resolve("config.yaml");
            Files.writeString(config, """
                    model_list:
                      - model_name: "claude-*"
                        litellm_params: {model: "anthropic/*", api_base: %s}
                      - model_name: "bedrock/claude-*"
                        litellm_params: {model: "bedrock/*", api_base: %s, aws_profile_name: dev}
                    router_settings:
                      fallbacks: [{"claude-*": ["bedrock/claude-*"]}]
                    """.formatted(anthropic.baseUrl(), bedrock.baseUrl()));

            Process spillway = serve(config, sso.baseUrl());
            try {
                BufferedReader log = new BufferedReader(new InputStreamReader(spillway.getInputStream(),
                        StandardCharsets.UTF_8));
                URI url = listeningUrl(log);

                HttpResponse<String> answer = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(url.resolve("/v1/messages"))
                                .header("x-api-key", "sk-ant-test-caller")
                                .header("anthropic-version", "2023-06-01")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5-20250929\","
                                        + "\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("served with SSO role credentials");
                assertThat(answer.headers().firstValue("x-spillway-provider")).contains("bedrock");
                RecordedRequest signed = bedrock.takeRequest(Duration.ofSeconds(5));
                assertThat(signed.accessKeyId()).isEqualTo(AwsSsoSimulator.ROLE_ACCESS_KEY_ID);
                List<String> portalCalls = new ArrayList<>();
                for (int i = sso.requestCount(); i > 0; i--) {
                    RecordedRequest call = sso.takeRequest();
                    portalCalls.add(call.method() + " " + call.path());
                }
                assertThat(portalCalls).as("the sign-in's calls, then the SDK's inside Spillway")
                        .endsWith("GET /federation/credentials?role_name=SampleRole&account_id=111122223333");
            } finally {
                spillway.destroy();
                spillway.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code spillway serve} in its own JVM whose home (for the AWS SDK too) is the test's, SSO portal simulated. */
    private Process serve(Path config, URI ssoPortal) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), SpillwayCli.class.getName(),
                "serve", "--config", config.toString(), "--port", "0", "--data-dir", home.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AWS_ENDPOINT_URL_SSO", ssoPortal.toString());
        return builder.start();
    }

    private static URI listeningUrl(BufferedReader log) throws Exception {
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("spillway serve ended without saying where it listens");
    }
}
