package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.spend.DailySpend;
import dev.spillway.engine.spend.GroupBy;
import dev.spillway.engine.spend.SpendFilter;
import dev.spillway.engine.spend.SpendRow;
import dev.spillway.engine.spend.SpendStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /spend/logs} in LiteLLM's shapes: with {@code summarize=false} one entry per request, else (the default)
 * one entry per day with spend by model. {@code start_date} / {@code end_date} ({@code YYYY-MM-DD}, inclusive) bound
 * it; the default is the last 30 days. {@code api_key} (a virtual key, its token, or a caller id) and {@code user_id}
 * narrow it to one caller or user. Reads run on a worker thread, off the IO threads.
 */
final class SpendLogsHandler implements HttpHandler {

    private static final int MAX_ROWS = 10_000;

    private final Optional<SpendStore> spend;
    private final Optional<KeyRegistry> keys;

    SpendLogsHandler(Optional<SpendStore> spend) {
        this(spend, Optional.empty());
    }

    SpendLogsHandler(Optional<SpendStore> spend, Optional<KeyRegistry> keys) {
        this.spend = spend;
        this.keys = keys;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (spend.isEmpty()) {
            Responses.error(exchange, 404, "not_found_error",
                    "This Spillway keeps no spend records (it was started without a spend database).", RequestIds.next());
            return;
        }
        LocalDate to;
        LocalDate from;
        try {
            to = param(exchange, "end_date").map(LocalDate::parse).orElse(LocalDate.now(ZoneOffset.UTC));
            from = param(exchange, "start_date").map(LocalDate::parse).orElse(to.minusDays(29));
        } catch (DateTimeParseException e) {
            Responses.error(exchange, 400, "invalid_request_error",
                    "start_date and end_date must be dates such as 2026-11-23.", RequestIds.next());
            return;
        }
        boolean summarize = param(exchange, "summarize").map(v -> !v.equalsIgnoreCase("false")).orElse(true);
        SpendFilter filter = new SpendFilter(
                param(exchange, "api_key").map(k -> SpendReportHandler.callerOf(k.trim(), keys)),
                param(exchange, "user_id").map(String::trim));
        byte[] body = summarize ? Json.bytes(summary(spend.get().dailySpend(from, to, GroupBy.MODEL, filter)))
                : Json.bytes(rows(spend.get().between(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), MAX_ROWS, filter)));
        Responses.json(exchange, 200, body);
    }

    private static ArrayNode summary(List<DailySpend> days) {
        Map<LocalDate, ObjectNode> byDay = new LinkedHashMap<>();
        for (DailySpend day : days) {
            ObjectNode entry = byDay.computeIfAbsent(day.day(), d -> {
                ObjectNode e = Json.object().put("startTime", d.toString()).put("spend", 0.0);
                e.putObject("models");
                return e;
            });
            double cost = day.costUsd().doubleValue();
            entry.put("spend", entry.get("spend").asDouble() + cost);
            ((ObjectNode) entry.get("models")).put(day.key().isEmpty() ? "unknown" : day.key(), cost);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        byDay.values().forEach(out::add);
        return out;
    }

    private static ArrayNode rows(List<SpendRow> rows) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SpendRow row : rows) {
            out.addObject()
                    .put("request_id", row.requestId())
                    .put("startTime", row.time().toString())
                    .put("model", row.upstreamModel())
                    .put("model_group", row.modelGroup())
                    .put("model_id", row.deploymentId())
                    .put("custom_llm_provider", row.provider())
                    .put("api_key", row.caller())
                    .put("key_alias", row.keyAlias())
                    .put("user", row.userId())
                    .put("spend", row.costUsd().doubleValue())
                    .put("prompt_tokens", row.inputTokens() + row.cacheReadTokens() + row.cacheWriteTokens())
                    .put("completion_tokens", row.outputTokens())
                    .put("total_tokens", row.totalTokens())
                    .put("status", row.failed() ? "failure" : "success")
                    .put("cache_hit", String.valueOf(row.cacheHit()));
        }
        return out;
    }

    private static Optional<String> param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.peekFirst());
    }
}
