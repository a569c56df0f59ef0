package dev.spillway.ui.settings.proxy;

import dev.spillway.engine.autostart.Autostart;
import dev.spillway.engine.config.ConfigDocument;
import dev.spillway.engine.config.SpillwayConfig;
import dev.spillway.engine.secrets.SecretStore;
import dev.spillway.ui.settings.EnvironmentReference;
import dev.spillway.ui.settings.SettingsTabViewModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Port, bind address, master key and notifications. Leaving loopback is warned about and then requires a master key;
 * the key goes to the key store and the config only refers to it ({@code os.environ/SPILLWAY_MASTER_KEY}).
 */
public final class ProxyTabViewModel implements SettingsTabViewModel {

    public static final String MASTER_KEY_VARIABLE = "SPILLWAY_MASTER_KEY";
    static final int DEFAULT_PORT = 47000;
    static final String DEFAULT_HOST = "127.0.0.1";
    private static final int MIN_KEY_LENGTH = 16;

    private final SecretStore secrets;
    private final Map<String, String> environment;
    private final SecureRandom random = new SecureRandom();

    private final StringProperty port = new SimpleStringProperty(String.valueOf(DEFAULT_PORT));
    private final StringProperty portError = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty(DEFAULT_HOST);
    private final StringProperty hostError = new SimpleStringProperty("");
    private final StringProperty masterKey = new SimpleStringProperty("");
    private final StringProperty masterKeyError = new SimpleStringProperty("");
    private final BooleanProperty notifications = new SimpleBooleanProperty(true);
    private final BooleanBinding leavesLoopback =
            Bindings.createBooleanBinding(() -> !isLoopback(host.get()), host);

    private final Optional<Autostart> autostart;
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty(false);
    private final StringProperty startAtLoginError = new SimpleStringProperty("");

    public ProxyTabViewModel(SecretStore secrets, Map<String, String> environment) {
        this(secrets, environment, Optional.empty());
    }

    /** @param autostart the OS's login items, for "Start Spillway at login"; empty hides the switch */
    public ProxyTabViewModel(SecretStore secrets, Map<String, String> environment, Optional<Autostart> autostart) {
        this.secrets = secrets;
        this.environment = Map.copyOf(environment);
        this.autostart = autostart;
    }

    @Override
    public void setValues(ConfigDocument config) {
        port.set(config.get("spillway_settings", "port").orElse(String.valueOf(DEFAULT_PORT)));
        host.set(config.get("spillway_settings", "host").orElse(DEFAULT_HOST));
        notifications.set(!config.get("spillway_settings", "notifications").map("false"::equalsIgnoreCase)
                .orElse(false));
        masterKey.set(config.get("general_settings", "master_key")
                .flatMap(value -> EnvironmentReference.resolve(value, environment, secrets)).orElse(""));
        portError.set("");
        hostError.set("");
        masterKeyError.set("");
        startAtLoginError.set("");
        autostart.ifPresent(login -> {
            try {
                startAtLogin.set(login.isEnabled());
            } catch (IOException e) {
                startAtLoginError.set("Cannot read " + login.describe() + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void afterSave(SpillwayConfig saved) {
        if (autostart.isEmpty()) {
            return;
        }
        Autostart login = autostart.get();
        try {
            if (startAtLogin.get() != login.isEnabled()) {
                if (startAtLogin.get()) {
                    login.enable();
                } else {
                    login.disable();
                }
            }
            startAtLoginError.set("");
        } catch (IOException | RuntimeException e) {
            startAtLoginError.set(e.getMessage());
            throw new IllegalStateException("the login item could not be changed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean validate() {
        portError.set(portProblem(port.get().trim()).orElse(""));
        hostError.set(hostProblem(host.get().trim()).orElse(""));
        masterKeyError.set(masterKeyProblem().orElse(""));
        return portError.get().isEmpty() && hostError.get().isEmpty() && masterKeyError.get().isEmpty();
    }

    private static Optional<String> portProblem(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return Optional.of("A port is a number from 1 to 65535.");
        }
        int value = Integer.parseInt(text);
        return value < 1 || value > 65535 ? Optional.of("A port is a number from 1 to 65535.") : Optional.empty();
    }

    private static Optional<String> hostProblem(String text) {
        if (text.isEmpty()) {
            return Optional.of("Enter the address to listen on, e.g. 127.0.0.1.");
        }
        if (!isAddressLiteral(text) && !text.equalsIgnoreCase("localhost")) {
            return Optional.of("Enter an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0 or ::1).");
        }
        return Optional.empty();
    }

    private Optional<String> masterKeyProblem() {
        String key = masterKey.get().trim();
        if (key.isEmpty()) {
            return leavesLoopback.get()
                    ? Optional.of("Required when listening beyond this machine: generate one.")
                    : Optional.empty();
        }
        if (key.length() < MIN_KEY_LENGTH || !key.matches("[\\x21-\\x7e]+")) {
            return Optional.of("At least " + MIN_KEY_LENGTH + " characters, no spaces (or generate one).");
        }
        return Optional.empty();
    }

    /** Makes a new random master key (192 bits). */
    public void generateMasterKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        masterKey.set("sk-spillway-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        masterKeyError.set("");
    }

    @Override
    public void storeSettings(ConfigDocument config) {
        config.set(Integer.parseInt(port.get().trim()), "spillway_settings", "port");
        config.set(host.get().trim(), "spillway_settings", "host");
        config.set(notifications.get(), "spillway_settings", "notifications");
        String key = masterKey.get().trim();
        if (key.isEmpty()) {
            config.remove("general_settings", "master_key");
            secrets.remove(MASTER_KEY_VARIABLE);
        } else {
            secrets.put(MASTER_KEY_VARIABLE, key);
            config.set(EnvironmentReference.to(MASTER_KEY_VARIABLE), "general_settings", "master_key");
        }
    }

    static boolean isLoopback(String host) {
        String text = host == null ? "" : host.trim();
        if (text.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isAddressLiteral(text)) {
            return true; // not an address yet: the field's own message says so
        }
        try {
            return InetAddress.getByName(text).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** An IPv4 or IPv6 literal; never a name, so checking it needs no DNS lookup. */
    private static boolean isAddressLiteral(String text) {
        if (text.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}")) {
            return true;
        }
        if (text.contains(":") && text.matches("[0-9a-fA-F:.]+")) {
            try {
                InetAddress.getByName(text);
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty portErrorProperty() {
        return portError;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty hostErrorProperty() {
        return hostError;
    }

    public StringProperty masterKeyProperty() {
        return masterKey;
    }

    public StringProperty masterKeyErrorProperty() {
        return masterKeyError;
    }

    public boolean offersStartAtLogin() {
        return autostart.isPresent();
    }

    public BooleanProperty startAtLoginProperty() {
        return startAtLogin;
    }

    public StringProperty startAtLoginErrorProperty() {
        return startAtLoginError;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    /** True while the bind address lets other machines in: the view shows a warning. */
    public BooleanBinding leavesLoopbackProperty() {
        return leavesLoopback;
    }
}
