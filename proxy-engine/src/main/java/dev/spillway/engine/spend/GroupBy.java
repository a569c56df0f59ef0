package dev.spillway.engine.spend;

/** How {@link SpendStore#dailySpend} splits each day. */
public enum GroupBy {
    PROVIDER("provider"),
    MODEL("model_group"),
    CALLER("caller"),
    /** The user of the virtual key that made the request. */
    USER("user_id");

    final String column;

    GroupBy(String column) {
        this.column = column;
    }
}
