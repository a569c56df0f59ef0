package dev.spillway.engine.spend;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Where the {@link SpendWriter} puts rows; used only from the writer thread. */
interface SpendSink extends AutoCloseable {

    /** Stores the rows and adds them to the daily aggregates, all or nothing. */
    void write(List<SpendRow> rows) throws SQLException;

    /** Deletes rows from before {@code cutoff}, keeping the daily aggregates; returns how many. */
    int deleteBefore(Instant cutoff) throws SQLException;

    /** Deletes every row and every daily total; returns how many rows. */
    int deleteAll() throws SQLException;

    @Override
    void close() throws SQLException;
}
