package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.aws.AwsHome;
import dev.spillway.engine.aws.SsoClients;
import dev.spillway.engine.aws.SsoSignIn;
import dev.spillway.simulators.AnthropicReply;
import dev.spillway.simulators.AnthropicSimulator;
import dev.spillway.simulators.AwsSsoSimulator;
import dev.spillway.simulators.BedrockReply;
import dev.spillway.simulators.BedrockSimulator;
import dev.spillway.simulators.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fallback path with an AWS SSO profile, as a user runs it: sign in (device flow, token cache written as the
 * AWS CLI does), then `spillway serve` in its own process with that home; Anthropic answers 429 and the AWS SDK inside
 * Spillway turns the cached SSO token into role credentials at the SSO portal and signs the Bedrock call with them.
 */
class SsoBedrockEndToEndTest {

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

            try (ServeProcess spillway = ServeProcess.start(home, config,
                    Map.of("AWS_ENDPOINT_URL_SSO", sso.baseUrl().toString()))) {
                HttpResponse<String> answer = spillway.postMessage("claude-sonnet-4-5-20250929");

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
            }
        }
    }
}
