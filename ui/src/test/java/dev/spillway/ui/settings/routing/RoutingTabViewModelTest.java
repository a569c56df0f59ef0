package dev.spillway.ui.settings.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTabViewModelTest {

    @TempDir
    Path dir;

    private SettingsStore store;
    private RoutingTabViewModel tab;
    private ConfigDocument document;

    @BeforeEach
    void open() {
        store = TestSettings.in(dir, Map.of("OPENAI_API_KEY", "sk-test-openai-key"));
        tab = new RoutingTabViewModel();
        document = TestSettings.defaults();
        tab.setValues(document);
    }

    private ModelGroupRow row(String name) {
        return tab.groups().stream().filter(r -> r.nameProperty().get().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void showsTheGroupsTheirModelsAndFallbacks() {
        assertThat(tab.groups()).extracting(r -> r.nameProperty().get()).containsExactly("claude-opus",
                "claude-sonnet", "claude-haiku", "claude-*", "bedrock/claude-opus", "bedrock/claude-sonnet",
                "bedrock/claude-haiku", "bedrock/claude-*");
        assertThat(row("claude-sonnet").modelProperty().get()).isEqualTo("anthropic/claude-sonnet-4-5-20250929");
        assertThat(row("claude-sonnet").fallbacksProperty().get()).isEqualTo("bedrock/claude-sonnet");
        assertThat(tab.cooldownSecondsProperty().get()).isEqualTo("60");
    }

    @ParameterizedTest
    @CsvSource({
            "gpt-4o, gpt-4o, 'provider/model'",
            "gpt-4o, vertex_ai/gemini, 'unknown provider ''vertex_ai'''",
            "claude-sonnet, openai/gpt-4o, 'already a group called claude-sonnet'",
            "'my group', openai/gpt-4o, 'no spaces'",
    })
    void aBadNewGroupIsRefusedWithAReason(String name, String model, String message) {
        tab.newNameProperty().set(name);
        tab.newModelProperty().set(model);

        assertThat(tab.addGroup()).isFalse();
        assertThat(tab.newGroupErrorProperty().get()).contains(message);
    }

    @Test
    void newGroupsFallbackOrderAndCooldownReachTheEnginesConfig() {
        tab.newNameProperty().set("gpt-4o");
        tab.newModelProperty().set("openai/gpt-4o");
        assertThat(tab.addGroup()).isTrue();
        row("claude-sonnet").fallbacksProperty().set("gpt-4o, bedrock/claude-sonnet");
        row("gpt-4o").fallbacksProperty().set("claude-sonnet");
        tab.cooldownSecondsProperty().set("120");
        assertThat(tab.validate()).isTrue();

        SpillwayConfig config = TestSettings.storeAndLoad(tab, document, store);

        assertThat(config.router().fallbacks())
                .containsEntry("claude-sonnet", List.of("gpt-4o", "bedrock/claude-sonnet"))
                .containsEntry("gpt-4o", List.of("claude-sonnet"))
                .containsEntry("claude-opus", List.of("bedrock/claude-opus"));
        assertThat(config.router().cooldownTime().toSeconds()).isEqualTo(120);
        assertThat(config.deployments()).anySatisfy(d -> {
            assertThat(d.modelName()).isEqualTo("gpt-4o");
            assertThat(d.provider()).isEqualTo("openai");
        });
    }

    @Test
    void fallbacksMustNameGroupsThatExist() {
        row("claude-sonnet").fallbacksProperty().set("bedrock/claude-sonet");
        row("claude-opus").fallbacksProperty().set("claude-opus");
        tab.cooldownSecondsProperty().set("-5");

        assertThat(tab.validate()).isFalse();
        assertThat(tab.groupsErrorProperty().get())
                .contains("claude-sonnet: falls back to 'bedrock/claude-sonet', which is not a group here.")
                .contains("claude-opus: a group cannot fall back to itself.");
        assertThat(tab.cooldownErrorProperty().get()).contains("whole number");
    }

    @Test
    void removingAGroupRemovesItsDeploymentsAndTheFallbacksToIt() {
        tab.removeGroup(row("bedrock/claude-haiku"));
        row("claude-haiku").fallbacksProperty().set("");
        assertThat(tab.validate()).isTrue();

        SpillwayConfig config = TestSettings.storeAndLoad(tab, document, store);

        assertThat(config.deployments()).noneMatch(d -> d.modelName().equals("bedrock/claude-haiku"));
        assertThat(config.router().fallbacks()).doesNotContainKey("claude-haiku");
    }

    @Test
    void changingAGroupsModelRepointsItsDeployment() {
        row("claude-haiku").modelProperty().set("anthropic/claude-haiku-4-5");
        assertThat(tab.validate()).isTrue();

        TestSettings.storeAndLoad(tab, document, store);

        assertThat(document.deployments().get(2).model()).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(document.toYaml()).contains("id: anthropic-haiku");
    }
}
