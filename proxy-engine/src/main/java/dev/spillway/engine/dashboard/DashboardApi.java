package dev.spillway.engine.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.GatewayStatus;
import dev.spillway.engine.SpendHistory;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.spend.DailySpend;
import dev.spillway.engine.spend.GroupBy;
import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.SpendStoreException;
import dev.spillway.engine.spend.Totals;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The JSON routes under {@code /ui/api}: summary, spend per day, recent requests and the statistics reset. Database
 * reads run on worker threads, never on the IO threads, and never on a proxied request's path.
 */
final class DashboardApi {

    static final int MAX_DAYS = 400;
    static final int MAX_REQUESTS = RecentRequests.CAPACITY;
    private static final int MAX_RESET_BODY = 4096;

    private final Supplier<GatewayStatus> status;
    private final Supplier<Totals> today;
    private final Optional<SpendHistory> spend;
    private final RecentRequests recent;
    private final LiveFeed feed;
    private final String version;

    DashboardApi(Supplier<GatewayStatus> status, Supplier<Totals> today, Optional<SpendHistory> spend,
            RecentRequests recent, LiveFeed feed, String version) {
        this.status = status;
        this.today = today;
        this.spend = spend;
        this.recent = recent;
        this.feed = feed;
        this.version = version;
    }

    /** {@code GET /ui/api/summary}. */
    void summary(HttpServerExchange exchange) {
        GatewayStatus s = status.get();
        ObjectNode root = Json.object()
                .put("version", version)
                .put("baseUrl", s.baseUrl().toString())
                .put("started", s.started().toString())
                .put("now", Instant.now().toString())
                .put("spendHistory", spend.isPresent());
        spend.ifPresent(h -> root.put("zone", h.zone().getId()));
        root.set("today", DashboardJson.totals(today.get()));
        if (spend.isPresent()) {
            try {
                root.set("allTime", DashboardJson.totals(spend.get().allTime()));
            } catch (SpendStoreException e) {
                root.putNull("allTime");
            }
        }
        DashboardJson.groups(s, root);
        root.putObject("live").put("subscribers", feed.subscribers()).put("droppedEvents", feed.dropped());
        Replies.json(exchange, root);
    }

    /** {@code GET /ui/api/spend?from=&to=&by=provider|model|key}: every day of the range, also those without spend. */
    void spend(HttpServerExchange exchange) {
        if (spend.isEmpty()) {
            Replies.json(exchange, Json.object().put("enabled", false));
            return;
        }
        SpendHistory history = spend.get();
        LocalDate to;
        LocalDate from;
        try {
            to = param(exchange, "to").map(LocalDate::parse).orElse(history.today());
            from = param(exchange, "from").map(LocalDate::parse).orElse(to.minusDays(6));
        } catch (DateTimeParseException e) {
            Replies.error(exchange, 400, "invalid_request_error", "from and to must be dates such as 2026-11-23.");
            return;
        }
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            Replies.error(exchange, 400, "invalid_request_error",
                    "from must not be after to, and the range may cover at most " + MAX_DAYS + " days.");
            return;
        }
        String byName = param(exchange, "by").orElse("provider").toLowerCase(Locale.ROOT);
        GroupBy by = switch (byName) {
            case "provider" -> GroupBy.PROVIDER;
            case "model" -> GroupBy.MODEL;
            case "key" -> GroupBy.CALLER;
            default -> null;
        };
        if (by == null) {
            Replies.error(exchange, 400, "invalid_request_error", "by must be provider, model or key.");
            return;
        }
        Replies.json(exchange, spendJson(history.daily(from, to, by), from, to, byName, history));
    }

    private static ObjectNode spendJson(List<DailySpend> rows, LocalDate from, LocalDate to, String by,
            SpendHistory history) {
        Map<LocalDate, ObjectNode> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ObjectNode day = Json.object().put("day", d.toString());
            day.putObject("byKey");
            days.put(d, day);
        }
        Set<String> keys = new TreeSet<>();
        Map<String, Totals> byKey = new LinkedHashMap<>();
        Totals all = Totals.NONE;
        for (DailySpend row : rows) {
            String key = row.key().isEmpty() ? "(none)" : row.key();
            keys.add(key);
            Totals t = new Totals(row.requests(), row.failedRequests(), row.inputTokens(), row.outputTokens(),
                    row.cacheReadTokens(), row.cacheWriteTokens(), row.costUsd());
            ((ObjectNode) days.get(row.day()).get("byKey")).set(key, DashboardJson.totals(t));
            byKey.merge(key, t, DashboardApi::plus);
            all = plus(all, t);
        }
        ObjectNode root = Json.object()
                .put("enabled", true)
                .put("zone", history.zone().getId())
                .put("from", from.toString())
                .put("to", to.toString())
                .put("by", by);
        ArrayNode keyList = root.putArray("keys");
        keys.forEach(keyList::add);
        ArrayNode dayList = root.putArray("days");
        days.values().forEach(dayList::add);
        root.set("totals", DashboardJson.totals(all));
        ObjectNode totalsByKey = root.putObject("totalsByKey");
        byKey.forEach((k, t) -> totalsByKey.set(k, DashboardJson.totals(t)));
        return root;
    }

    private static Totals plus(Totals a, Totals b) {
        return new Totals(a.requests() + b.requests(), a.failedRequests() + b.failedRequests(),
                a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
                a.cacheReadTokens() + b.cacheReadTokens(), a.cacheWriteTokens() + b.cacheWriteTokens(),
                a.costUsd().add(b.costUsd()));
    }

    /**
     * {@code GET /ui/api/requests?limit=}: newest first; from memory, topped up from the spend store when this run
     * has seen fewer requests than asked for.
     */
    void requests(HttpServerExchange exchange) {
        int limit;
        try {
            limit = param(exchange, "limit").map(Integer::parseInt).orElse(100);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_REQUESTS) {
            Replies.error(exchange, 400, "invalid_request_error", "limit must be a number from 1 to "
                    + MAX_REQUESTS + ".");
            return;
        }
        List<ObjectNode> rows = recent.latest(limit);
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>();
        rows.forEach(r -> {
            out.add(r);
            seen.add(r.get("id").asText());
        });
        if (rows.size() < limit && spend.isPresent()) {
            try {
                for (SpendRow row : spend.get().recent(limit)) {
                    if (out.size() < limit && seen.add(row.requestId())) {
                        out.add(DashboardJson.request(row));
                    }
                }
            } catch (SpendStoreException e) {
                // the live rows are still worth showing
            }
        }
        Replies.json(exchange, Json.object().set("requests", out));
    }

    /** {@code POST /ui/api/reset} with {@code {"confirm": "reset"}}: deletes the spend history. */
    void reset(HttpServerExchange exchange) throws InterruptedException {
        if (spend.isEmpty()) {
            Replies.error(exchange, 404, "not_found_error",
                    "This Spillway keeps no spend records (it was started without a spend database).");
            return;
        }
        if (!confirmed(exchange)) {
            Replies.error(exchange, 400, "invalid_request_error",
                    "Resetting deletes all spend history; to confirm, send {\"confirm\": \"reset\"}.");
            return;
        }
        try {
            int deleted = spend.get().reset();
            Replies.json(exchange, Json.object().put("reset", true).put("deletedRequests", deleted));
        } catch (SpendStoreException e) {
            Replies.error(exchange, 500, "api_error", e.getMessage());
        }
    }

    private static boolean confirmed(HttpServerExchange exchange) {
        try (InputStream in = exchange.getInputStream()) {
            byte[] body = in.readNBytes(MAX_RESET_BODY + 1);
            if (body.length == 0 || body.length > MAX_RESET_BODY) {
                return false;
            }
            JsonNode confirm = Json.MAPPER.readTree(body).path("confirm");
            return confirm.isTextual() && confirm.asText().equals("reset");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isBlank() ? Optional.empty()
                : Optional.of(values.peekFirst().trim());
    }
}
