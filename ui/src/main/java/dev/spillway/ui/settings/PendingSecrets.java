package dev.spillway.ui.settings;

import dev.spillway.engine.secrets.SecretStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key store as the settings window edits it: keys entered in a tab wait here, visible to the config check, and
 * reach the real store only when the save goes through ({@link #commit}); a refused save leaves nothing behind.
 */
public final class PendingSecrets implements SecretStore {

    private final SecretStore store;
    /** Name to new value; an empty value means the key is to be removed. */
    private final Map<String, Optional<String>> pending = new LinkedHashMap<>();

    public PendingSecrets(SecretStore store) {
        this.store = store;
    }

    @Override
    public synchronized Optional<String> get(String name) {
        Optional<String> changed = pending.get(name);
        return changed != null ? changed : store.get(name);
    }

    @Override
    public synchronized void put(String name, String value) {
        pending.put(SecretStore.requireValidName(name), Optional.of(value));
    }

    @Override
    public synchronized void remove(String name) {
        pending.put(SecretStore.requireValidName(name), Optional.empty());
    }

    /** Stores the waiting changes in the real key store. */
    public synchronized void commit() {
        pending.forEach((name, value) -> value.ifPresentOrElse(v -> store.put(name, v), () -> store.remove(name)));
        pending.clear();
    }

    /** Forgets the waiting changes. */
    public synchronized void discard() {
        pending.clear();
    }

    @Override
    public String description() {
        return store.description();
    }

    @Override
    public String toString() {
        return "PendingSecrets[" + store + "]";
    }
}
