package dev.spillway.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpendSettingsLoadingTest {

    @Test
    void anH2DatabaseUrlAndARetentionAreRead() {
        SpillwayConfig config = TestConfigs.parse(TestConfigs.MINIMAL + """
                general_settings:
                  database_url: jdbc:h2:file:/tmp/spillway-spend
                  spend_retention_days: 30
                """);

        assertThat(config.general().databaseUrl()).contains("jdbc:h2:file:/tmp/spillway-spend");
        assertThat(config.general().spendRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void aLiteLlmPostgresUrlIsIgnoredWithAWarningThatHidesIt() {
        SpillwayConfig config = TestConfigs.parse(TestConfigs.MINIMAL + """
                general_settings:
                  database_url: postgres://user:s3cret@db:5432/litellm
                """);

        assertThat(config.general().databaseUrl()).isEmpty();
        assertThat(config.warnings()).singleElement().asString()
                .contains("general_settings.database_url").contains("H2").doesNotContain("s3cret");
    }

    @Test
    void theDefaultsKeepNinetyDaysInTheDataDirectory() {
        SpillwayConfig config = TestConfigs.parse(TestConfigs.MINIMAL);

        assertThat(config.general().databaseUrl()).isEmpty();
        assertThat(config.general().spendRetention()).isEqualTo(Duration.ofDays(90));
    }
}
