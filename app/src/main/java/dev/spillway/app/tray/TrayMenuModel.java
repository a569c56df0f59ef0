package dev.spillway.app.tray;

import dev.spillway.app.EngineState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Works out the tray menu from the engine's state, today's traffic and the Claude Code integration's state. */
public final class TrayMenuModel {

    private TrayMenuModel() {}

    public static TrayMenu menu(EngineState engine, TrafficSummary traffic, Optional<Boolean> claudeCodeConfigured) {
        return switch (engine.status()) {
            case STARTING -> new TrayMenu(TrayIconState.STOPPED, "Spillway: starting", "Starting…",
                    Optional.empty(), false, false, false, claudeCodeConfigured);
            case STOPPED -> new TrayMenu(TrayIconState.STOPPED, "Spillway: stopped", "Proxy stopped",
                    Optional.empty(), true, false, false, claudeCodeConfigured);
            case FAILED -> new TrayMenu(TrayIconState.ERROR, "Spillway: not running",
                    "Proxy not running: error", engine.problem(), true, false, false, claudeCodeConfigured);
            case RUNNING -> running(engine, traffic, claudeCodeConfigured);
        };
    }

    private static TrayMenu running(EngineState engine, TrafficSummary traffic, Optional<Boolean> claudeCode) {
        int port = engine.baseUrl().map(u -> u.getPort()).orElse(-1);
        String counts = traffic.requestsToday() + (traffic.requestsToday() == 1 ? " request" : " requests")
                + " · " + dollars(traffic.spendToday()) + " today";
        boolean fallback = !traffic.groupsOnFallback().isEmpty();
        String statusLine = (fallback ? "Serving via fallback on :" : "Serving on :") + port + " · " + counts;
        Optional<String> detail = fallback
                ? Optional.of("On fallback: " + String.join(", ", traffic.groupsOnFallback()))
                : Optional.empty();
        String tooltip = "Spillway: " + (fallback ? "serving via fallback" : "serving") + " on "
                + engine.baseUrl().map(Object::toString).orElse("?") + "\n" + counts;
        return new TrayMenu(fallback ? TrayIconState.FALLBACK : TrayIconState.SERVING, tooltip, statusLine, detail,
                false, true, true, claudeCode);
    }

    /** US dollars, cents for amounts of a dollar or more, tenths of a cent below (Claude Code calls cost fractions). */
    static String dollars(BigDecimal amount) {
        BigDecimal value = amount == null ? BigDecimal.ZERO : amount;
        int scale = value.compareTo(BigDecimal.ONE) >= 0 || value.signum() == 0 ? 2 : 3;
        return "$" + value.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
