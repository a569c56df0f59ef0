package dev.spillway.engine.spend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which requests a spend query covers: all, or those of one caller (a virtual key's token, or a caller id) and/or one
 * user.
 */
public record SpendFilter(Optional<String> caller, Optional<String> userId) {

    public static final SpendFilter ALL = new SpendFilter(Optional.empty(), Optional.empty());

    /** {@code " AND caller = ? AND user_id = ?"} for the parts present. */
    String sql() {
        return (caller.isPresent() ? " AND caller = ?" : "") + (userId.isPresent() ? " AND user_id = ?" : "");
    }

    /** The values for {@link #sql()}'s placeholders, in order. */
    List<String> values() {
        List<String> values = new ArrayList<>(2);
        caller.ifPresent(values::add);
        userId.ifPresent(values::add);
        return values;
    }
}
