package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.keys.VirtualKey;
import dev.spillway.engine.spend.GroupBy;
import dev.spillway.engine.spend.SpendFilter;
import dev.spillway.engine.spend.SpendStore;
import dev.spillway.engine.spend.SpendTotal;
import io.undertow.server.HttpHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /global/spend/report} in the shape LiteLLM gives for {@code group_by=api_key}: one entry per key (or
 * user, model group, provider), largest spend first, with its totals and a breakdown by model group (by provider when
 * grouping by model). {@code start_date} / {@code end_date} ({@code YYYY-MM-DD}, inclusive; default the last 30 days),
 * and {@code api_key} / {@code internal_user_id} narrow it. Reads the daily totals, which outlive retention.
 */
final class SpendReportHandler {

    private SpendReportHandler() {
    }

    /** How the report groups: the query's name for it, the JSON field, the column, and the breakdown. */
    private enum Grouping {
        API_KEY("api_key", "api_key", GroupBy.CALLER, GroupBy.MODEL, "model_details", "model"),
        USER("user", "user_id", GroupBy.USER, GroupBy.MODEL, "model_details", "model"),
        MODEL("model", "model", GroupBy.MODEL, GroupBy.PROVIDER, "provider_details", "provider"),
        PROVIDER("provider", "provider", GroupBy.PROVIDER, GroupBy.MODEL, "model_details", "model");

        final String param;
        final String field;
        final GroupBy by;
        final GroupBy detail;
        final String detailsField;
        final String detailField;

        Grouping(String param, String field, GroupBy by, GroupBy detail, String detailsField, String detailField) {
            this.param = param;
            this.field = field;
            this.by = by;
            this.detail = detail;
            this.detailsField = detailsField;
            this.detailField = detailField;
        }

        static Grouping of(String param) {
            for (Grouping g : values()) {
                if (g.param.equals(param.toLowerCase(Locale.ROOT))) {
                    return g;
                }
            }
            throw new IllegalArgumentException("group_by must be api_key, user, model or provider (Spillway has no "
                    + "teams or customers), not '" + param + "'");
        }
    }

    private static final class Entry {
        final ObjectNode node;
        final ArrayNode details;
        BigDecimal cost = BigDecimal.ZERO;
        long input;
        long output;
        long requests;

        Entry(ObjectNode node, ArrayNode details) {
            this.node = node;
            this.details = details;
        }
    }

    static HttpHandler create(Optional<SpendStore> spend, Optional<KeyRegistry> keys) {
        return AdminExchange.handler(ex -> {
            SpendStore store = spend.orElseThrow(() -> new AdminExchange.Failure(404,
                    "This Spillway keeps no spend records (it was started without a spend database)."));
            Grouping grouping = Grouping.of(ex.param("group_by").orElse("api_key"));
            DateRange range = DateRange.of(ex.param("start_date"), ex.param("end_date"));
            SpendFilter filter = new SpendFilter(ex.param("api_key").map(k -> callerOf(k, keys)),
                    ex.param("internal_user_id").or(() -> ex.param("user_id")));
            List<SpendTotal> totals = store.totals(range.from(), range.to(), grouping.by, grouping.detail, filter);
            ex.json(200, report(totals, grouping, keys));
        });
    }

    /** A key's text or token gives its token; anything else is taken as a caller id as the spend logs show it. */
    static String callerOf(String apiKey, Optional<KeyRegistry> keys) {
        return keys.flatMap(k -> k.key(apiKey)).map(VirtualKey::token).orElse(apiKey);
    }

    private static ArrayNode report(List<SpendTotal> totals, Grouping grouping, Optional<KeyRegistry> keys) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (SpendTotal t : totals) {
            Entry entry = entries.computeIfAbsent(t.key(), key -> {
                ObjectNode node = Json.object();
                node.put(grouping.field, key.isEmpty() ? null : key);
                if (grouping == Grouping.API_KEY) {
                    node.put("key_alias", keys.flatMap(k -> k.aliasOf(key)).orElse(null));
                }
                return new Entry(node, Json.MAPPER.createArrayNode());
            });
            entry.cost = entry.cost.add(t.costUsd());
            entry.input += t.inputTokens();
            entry.output += t.outputTokens();
            entry.requests += t.requests();
            entry.details.addObject()
                    .put(grouping.detailField, t.detail().isEmpty() ? null : t.detail())
                    .put("total_cost", t.costUsd().doubleValue())
                    .put("total_input_tokens", t.inputTokens())
                    .put("total_output_tokens", t.outputTokens())
                    .put("total_requests", t.requests());
        }
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing((Entry e) -> e.cost).reversed());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Entry e : sorted) {
            e.node.put("total_cost", e.cost.doubleValue())
                    .put("total_input_tokens", e.input)
                    .put("total_output_tokens", e.output)
                    .put("total_requests", e.requests)
                    .set(grouping.detailsField, e.details);
            out.add(e.node);
        }
        return out;
    }
}
