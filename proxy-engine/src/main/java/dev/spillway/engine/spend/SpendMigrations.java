package dev.spillway.engine.spend;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the database schema up to date with the Flyway migrations in {@code db/migration}. */
final class SpendMigrations {

    static final String LOCATION = "classpath:db/migration";

    private SpendMigrations() {}

    /** Applies pending migrations; never cleans or drops anything. Returns how many were applied. */
    static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SpendMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .cleanDisabled(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
