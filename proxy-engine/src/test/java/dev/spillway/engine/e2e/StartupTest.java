package dev.spillway.engine.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.Spillway;
import dev.spillway.engine.SpillwayOptions;
import dev.spillway.engine.config.ConfigException;
import dev.spillway.engine.config.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configurations the engine cannot serve stop it at startup, with a message that says where and why. */
class StartupTest {

    @Test
    void anUnknownProviderPrefixStopsStartupNamingTheEntry() {
        var config = ConfigLoader.withEnvironment(Map.of()).parse("""
                model_list:
                  - model_name: claude-sonnet
                    litellm_params: {model: anthropic/claude-sonnet-4-5}
                  - model_name: gemini
                    litellm_params: {model: vertex_ai/gemini-2.5-pro}
                """, Optional.empty());

        assertThatThrownBy(() -> Spillway.start(config, SpillwayOptions.defaults().withPort(0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model_list[1].litellm_params.model")
                .hasMessageContaining("vertex_ai")
                .hasMessageContaining("openai/<model> with api_base");
    }

    @Test
    void aNetworkAddressWithoutAMasterKeyIsRefused() {
        var config = ConfigLoader.withEnvironment(Map.of()).loadDefault();

        assertThatThrownBy(() -> Spillway.start(config, SpillwayOptions.defaults().withHost("0.0.0.0").withPort(0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("master_key");
    }
}
