package dev.spillway.engine.config;

import java.util.List;
import java.util.Set;

/** {@code spillway_settings}. */
final class AppSettingsMapper {

    private static final SectionKeys KEYS = new SectionKeys(Set.of("port", "host", "notifications"), Set.of(),
            List.of());

    private AppSettingsMapper() {}

    static AppSettings read(ConfigNode section) {
        KEYS.warnAboutIgnoredKeys(section, "a map of settings, e.g. {port: 47000, host: 127.0.0.1}");
        ConfigNode port = section.get("port");
        var portValue = port.optionalInt(0);
        if (portValue.isPresent() && portValue.get() > 65535) {
            throw port.expected("a port number from 0 to 65535");
        }
        ConfigNode host = section.get("host");
        var hostValue = host.optionalString().map(String::trim);
        if (hostValue.isPresent() && hostValue.get().isEmpty()) {
            throw host.expected("an address to bind, e.g. 127.0.0.1");
        }
        boolean notifications = section.get("notifications").optionalBoolean().orElse(true);
        return new AppSettings(portValue, hostValue, notifications);
    }
}
