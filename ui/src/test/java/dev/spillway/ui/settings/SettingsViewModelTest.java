package dev.spillway.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.secrets.FileSecretStore;
import dev.spillway.ui.settings.providers.ProviderKind;
import dev.spillway.ui.settings.providers.ProvidersTabViewModel;
import dev.spillway.ui.settings.proxy.ProxyTabViewModel;
import dev.spillway.ui.settings.routing.RoutingTabViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path dir;

    private final List<SpillwayConfig> applied = new ArrayList<>();

    private SettingsViewModel settings(SettingsStore store, ConfigApplier applier) {
        ProxyTabViewModel proxy = new ProxyTabViewModel(store.secrets(), Map.of());
        SettingsViewModel model = new SettingsViewModel(store, applier, List.of(proxy, new RoutingTabViewModel()));
        model.reload();
        return model;
    }

    @Test
    void theFirstSaveCreatesTheUsersFileFromTheDefaultAndAppliesIt() throws Exception {
        SettingsStore store = TestSettings.in(dir);
        SettingsViewModel model = settings(store, config -> {
            applied.add(config);
            return "Applied.";
        });
        ((ProxyTabViewModel) model.tabs().get(0)).portProperty().set("47005");

        assertThat(model.save()).isTrue();

        assertThat(model.statusProperty().get()).contains("Saved to " + store.file()).contains("Applied.");
        assertThat(Files.readString(store.file())).contains("# Spillway - built-in default configuration")
                .contains("port: 47005");
        assertThat(applied).singleElement().satisfies(c -> assertThat(c.app().port()).contains(47005));
        assertThat(store.load().app().port()).contains(47005);
    }

    @Test
    void anInvalidFieldKeepsTheFileAsItWas() throws Exception {
        SettingsStore store = TestSettings.in(dir);
        Files.writeString(store.file(), TestSettings.defaults().toYaml());
        String before = Files.readString(store.file());
        SettingsViewModel model = settings(store, config -> {
            applied.add(config);
            return "";
        });
        ((ProxyTabViewModel) model.tabs().get(0)).portProperty().set("seventy");

        assertThat(model.save()).isFalse();

        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).contains("need attention");
        assertThat(Files.readString(store.file())).isEqualTo(before);
        assertThat(applied).isEmpty();
    }

    @Test
    void aConfigTheEngineWouldRefuseIsNeverWritten() throws Exception {
        SettingsStore store = TestSettings.in(dir);
        ConfigDocument broken = TestSettings.defaults();
        broken.set("os.environ/NOT_SET_ANYWHERE", "router_settings", "timeout");
        Files.writeString(store.file(), broken.toYaml());
        SettingsViewModel model = settings(store, config -> "");

        assertThat(model.save()).isFalse();

        assertThat(model.statusProperty().get()).startsWith("Not saved:").contains("NOT_SET_ANYWHERE");
    }

    @Test
    void aKeyEnteredInARefusedSaveIsNotStoredAndOneInAnAcceptedSaveIs() throws Exception {
        SettingsStore store = TestSettings.in(dir);
        ConfigDocument broken = TestSettings.defaults();
        broken.set("os.environ/NOT_SET_ANYWHERE", "router_settings", "timeout");
        Files.writeString(store.file(), broken.toYaml());
        ProvidersTabViewModel providers = new ProvidersTabViewModel(store.secrets(), Map.of());
        SettingsViewModel model = new SettingsViewModel(store, config -> "", List.of(providers));
        model.reload();
        providers.keyProperty(ProviderKind.OPENAI).set("sk-test-openai-key");

        assertThat(model.save()).isFalse();
        FileSecretStore onDisk = new FileSecretStore(dir.resolve("secrets.json"));
        assertThat(onDisk.get("OPENAI_API_KEY")).isEmpty();

        Files.writeString(store.file(), TestSettings.defaults().toYaml());
        model.reload();
        providers.keyProperty(ProviderKind.OPENAI).set("sk-test-openai-key");
        assertThat(model.save()).isTrue();
        assertThat(onDisk.get("OPENAI_API_KEY")).contains("sk-test-openai-key");
    }

    @Test
    void anEngineThatCannotTakeTheConfigIsReported() {
        SettingsStore store = TestSettings.in(dir);
        SettingsViewModel model = settings(store, config -> {
            throw new IllegalStateException("port 47005 is in use");
        });

        assertThat(model.save()).isFalse();

        assertThat(model.statusProperty().get()).contains("could not apply it: port 47005 is in use");
        assertThat(store.file()).exists();
    }

    @Test
    void aBrokenConfigFileIsReportedWhenTheWindowOpens() throws Exception {
        SettingsStore store = TestSettings.in(dir);
        Files.writeString(store.file(), "model_list: [\n");

        SettingsViewModel model = settings(store, config -> "");

        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).contains("Your config file has a problem");
    }
}
