package dev.spillway.engine.keys;

/** A key and its spend in the current budget period, as the admin API shows them. */
public record KeyView(VirtualKey key, SpendState spend) {
}
