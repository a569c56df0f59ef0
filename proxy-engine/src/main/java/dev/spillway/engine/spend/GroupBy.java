package dev.spillway.engine.spend;

/** How {@link SpendStore#dailySpend} splits each day. */
public enum GroupBy {
    PROVIDER("provider"),
    MODEL("model_group"),
    CALLER("caller");

    final String column;

    GroupBy(String column) {
        this.column = column;
    }
}
