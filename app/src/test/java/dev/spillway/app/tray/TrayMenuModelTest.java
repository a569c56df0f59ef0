package dev.spillway.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.app.EngineState;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrayMenuModelTest {

    private static final EngineState RUNNING = EngineState.running(URI.create("http://127.0.0.1:47000"));

    @Test
    void servingViaThePrimaryShowsPortRequestsAndSpend() {
        TrayMenu menu = TrayMenuModel.menu(RUNNING, new TrafficSummary(12, new BigDecimal("0.4213"), List.of()),
                Optional.of(true));

        assertThat(menu.icon()).isEqualTo(TrayIconState.SERVING);
        assertThat(menu.statusLine()).isEqualTo("Serving on :47000 · 12 requests · $0.421 today");
        assertThat(menu.detail()).isEmpty();
        assertThat(menu.canStart()).isFalse();
        assertThat(menu.canStop()).isTrue();
        assertThat(menu.dashboardAvailable()).isTrue();
        assertThat(menu.claudeCodeConfigured()).contains(true);
        assertThat(menu.tooltip()).contains("http://127.0.0.1:47000");
    }

    @Test
    void aGroupOnItsFallbackTurnsTheIconAndNamesTheGroup() {
        TrayMenu menu = TrayMenuModel.menu(RUNNING,
                new TrafficSummary(1, new BigDecimal("12.5"), List.of("claude-sonnet", "claude-opus")),
                Optional.of(false));

        assertThat(menu.icon()).isEqualTo(TrayIconState.FALLBACK);
        assertThat(menu.statusLine()).isEqualTo("Serving via fallback on :47000 · 1 request · $12.50 today");
        assertThat(menu.detail()).contains("On fallback: claude-sonnet, claude-opus");
    }

    @Test
    void stoppedOffersStartAndNoDashboard() {
        TrayMenu menu = TrayMenuModel.menu(EngineState.stopped(), TrafficSummary.none(), Optional.empty());

        assertThat(menu.icon()).isEqualTo(TrayIconState.STOPPED);
        assertThat(menu.statusLine()).isEqualTo("Proxy stopped");
        assertThat(menu.canStart()).isTrue();
        assertThat(menu.canStop()).isFalse();
        assertThat(menu.dashboardAvailable()).isFalse();
        assertThat(menu.claudeCodeConfigured()).isEmpty();
    }

    @Test
    void aFailureShowsTheErrorIconAndWhy() {
        TrayMenu menu = TrayMenuModel.menu(EngineState.failed("The port is in use"), TrafficSummary.none(),
                Optional.empty());

        assertThat(menu.icon()).isEqualTo(TrayIconState.ERROR);
        assertThat(menu.detail()).contains("The port is in use");
        assertThat(menu.canStart()).isTrue();
    }

    @Test
    void whileStartingNothingCanBeStartedOrStopped() {
        TrayMenu menu = TrayMenuModel.menu(EngineState.starting(), TrafficSummary.none(), Optional.empty());

        assertThat(menu.canStart()).isFalse();
        assertThat(menu.canStop()).isFalse();
    }

    @Test
    void everyStateHasItsIconAtEveryTraySize() {
        for (TrayIconState state : TrayIconState.values()) {
            for (int size : new int[] {16, 22, 24, 30, 32, 48, 64, 128}) {
                assertThat(TrayIconState.class.getResource(state.resource(size))).as(state.resource(size)).isNotNull();
            }
        }
        assertThat(TrayIconState.SERVING.resource(30)).endsWith("tray-serving-32.png");
        assertThat(TrayIconState.ERROR.resource(128)).endsWith("tray-error-64.png");
    }
}
