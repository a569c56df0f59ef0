package dev.spillway.engine.keys;

/**
 * A key just made. {@code key} is the only copy of the key's text: it is not stored.
 */
public record GeneratedKey(String key, VirtualKey virtualKey, SpendState spend) {

    @Override
    public String toString() {
        return "GeneratedKey[" + virtualKey.keyName() + "]";
    }
}
