package dev.spillway.ui.settings.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.ui.settings.SettingsStore;
import dev.spillway.ui.settings.TestSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyTabViewModelTest {

    @TempDir
    Path dir;

    private SettingsStore store;
    private ProxyTabViewModel tab;
    private ConfigDocument document;

    @BeforeEach
    void open() {
        store = TestSettings.in(dir);
        tab = new ProxyTabViewModel(store.secrets(), Map.of());
        document = TestSettings.defaults();
        tab.setValues(document);
    }

    @Test
    void startsFromTheDefaults() {
        assertThat(tab.portProperty().get()).isEqualTo("47000");
        assertThat(tab.hostProperty().get()).isEqualTo("127.0.0.1");
        assertThat(tab.masterKeyProperty().get()).isEmpty();
        assertThat(tab.notificationsProperty().get()).isTrue();
        assertThat(tab.leavesLoopbackProperty().get()).isFalse();
        assertThat(tab.validate()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "65536", "4700O", "-1", "123456"})
    void aBadPortIsCaughtNextToTheField(String port) {
        tab.portProperty().set(port);

        assertThat(tab.validate()).isFalse();
        assertThat(tab.portErrorProperty().get()).contains("1 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my laptop", "", "300.1.1.1", "example.com"})
    void aBadAddressIsCaught(String host) {
        tab.hostProperty().set(host);

        assertThat(tab.validate()).isFalse();
        assertThat(tab.hostErrorProperty().get()).isNotEmpty();
    }

    @Test
    void leavingLoopbackWarnsAndThenRequiresAMasterKey() {
        tab.hostProperty().set("0.0.0.0");

        assertThat(tab.leavesLoopbackProperty().get()).isTrue();
        assertThat(tab.validate()).isFalse();
        assertThat(tab.masterKeyErrorProperty().get()).contains("Required");

        tab.generateMasterKey();
        assertThat(tab.validate()).isTrue();
        assertThat(tab.masterKeyProperty().get()).startsWith("sk-spillway-").hasSizeGreaterThan(30);
    }

    @Test
    void aWeakMasterKeyIsRefused() {
        tab.masterKeyProperty().set("short");
        assertThat(tab.validate()).isFalse();
        tab.masterKeyProperty().set("has a space in it somewhere");
        assertThat(tab.validate()).isFalse();
        assertThat(tab.masterKeyErrorProperty().get()).contains("16 characters");
    }

    @Test
    void savesPortHostAndTheMasterKeyByReferenceOnly() {
        tab.portProperty().set("47001");
        tab.hostProperty().set("0.0.0.0");
        tab.generateMasterKey();
        tab.notificationsProperty().set(false);
        String key = tab.masterKeyProperty().get();
        assertThat(tab.validate()).isTrue();

        SpillwayConfig config = TestSettings.storeAndLoad(tab, document, store);

        assertThat(config.app().port()).contains(47001);
        assertThat(config.app().host()).contains("0.0.0.0");
        assertThat(config.app().notifications()).isFalse();
        assertThat(config.general().masterKey()).contains(key);
        assertThat(document.toYaml()).contains("master_key: os.environ/SPILLWAY_MASTER_KEY").doesNotContain(key);
        assertThat(store.secrets().get("SPILLWAY_MASTER_KEY")).contains(key);

        ProxyTabViewModel reopened = new ProxyTabViewModel(store.secrets(), Map.of());
        reopened.setValues(document);
        assertThat(reopened.masterKeyProperty().get()).isEqualTo(key);
        assertThat(reopened.notificationsProperty().get()).isFalse();
    }

    @Test
    void clearingTheMasterKeyRemovesItEverywhere() {
        tab.generateMasterKey();
        tab.storeSettings(document);

        tab.masterKeyProperty().set("");
        tab.storeSettings(document);

        assertThat(document.get("general_settings", "master_key")).isEmpty();
        assertThat(store.secrets().get("SPILLWAY_MASTER_KEY")).isEmpty();
    }
}
