package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.BudgetPeriod;
import dev.spillway.engine.keys.KeySpec;
import dev.spillway.engine.keys.KeyUpdate;
import dev.spillway.engine.keys.KeyUser;
import dev.spillway.engine.keys.Limits;
import dev.spillway.engine.keys.SpendState;
import dev.spillway.engine.keys.UserSpec;
import dev.spillway.engine.keys.VirtualKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * LiteLLM's request and response shapes for keys and users. Parsing is strict: a field Spillway does not support is
 * an error naming it (unless it is null), never silently ignored.
 */
final class KeyApiJson {

    private static final Set<String> LIMIT_FIELDS = Set.of("models", "max_budget", "budget_duration", "rpm_limit",
            "tpm_limit", "metadata");
    private static final Set<String> KEY_FIELDS = union(LIMIT_FIELDS, "key", "key_alias", "user_id", "duration",
            "blocked");
    private static final Set<String> UPDATE_FIELDS = union(LIMIT_FIELDS, "key", "key_alias", "duration", "blocked",
            "spend");
    private static final Set<String> USER_FIELDS = union(LIMIT_FIELDS, "user_id", "user_alias", "user_email",
            "auto_create_key", "key_alias");

    private KeyApiJson() {
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
        throw new IllegalArgumentException("the body must be a JSON object");
    }

    static KeySpec keySpec(ObjectNode body) {
        checkFields(body, KEY_FIELDS);
        return new KeySpec(text(body, "key"), text(body, "key_alias"), text(body, "user_id"), limits(body),
                text(body, "duration").map(d -> period(d, "duration")), bool(body, "blocked"), metadata(body));
    }

    /** {@code /key/update}: only the fields given (and not null) change. */
    static KeyUpdate keyUpdate(ObjectNode body) {
        checkFields(body, UPDATE_FIELDS);
        JsonNode models = body.get("models");
        return new KeyUpdate(text(body, "key_alias"),
                models == null || models.isNull() ? Optional.empty() : Optional.of(texts(body, "models")),
                number(body, "max_budget"), text(body, "budget_duration").map(d -> period(d, "budget_duration")),
                whole(body, "rpm_limit"), whole(body, "tpm_limit"),
                text(body, "duration").map(d -> period(d, "duration")),
                body.hasNonNull("blocked") ? Optional.of(bool(body, "blocked")) : Optional.empty(),
                body.hasNonNull("metadata") ? Optional.of(metadata(body)) : Optional.empty(),
                number(body, "spend"));
    }

    /** The {@code key} field: a key or its token. */
    static String keyField(ObjectNode body) {
        return text(body, "key").orElseThrow(() -> new IllegalArgumentException(
                "key is required: the key or its token"));
    }

    static UserSpec userSpec(ObjectNode body) {
        checkFields(body, USER_FIELDS);
        return new UserSpec(text(body, "user_id"), text(body, "user_alias"), text(body, "user_email"), limits(body),
                metadata(body));
    }

    static boolean autoCreateKey(ObjectNode body) {
        JsonNode value = body.get("auto_create_key");
        return value == null || value.isNull() || value.asBoolean(true);
    }

    /** Strings from an array field; empty if absent. */
    static List<String> texts(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static void checkFields(ObjectNode body, Set<String> supported) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!supported.contains(name) && !body.get(name).isNull()) {
                throw new IllegalArgumentException(name + " is not supported by Spillway (supported: "
                        + String.join(", ", new java.util.TreeSet<>(supported)) + ")");
            }
        }
    }

    private static Limits limits(ObjectNode body) {
        return new Limits(number(body, "max_budget"),
                text(body, "budget_duration").map(d -> period(d, "budget_duration")),
                whole(body, "rpm_limit"), whole(body, "tpm_limit"), texts(body, "models"));
    }

    private static BudgetPeriod period(String text, String field) {
        try {
            return BudgetPeriod.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return Optional.of(value.asText().trim());
    }

    private static OptionalDouble number(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException(field + " must be a number, 0 or more");
        }
        return OptionalDouble.of(value.asDouble());
    }

    private static OptionalLong whole(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, 0 or more");
        }
        return OptionalLong.of(value.asLong());
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String metadata(ObjectNode body) {
        JsonNode value = body.get("metadata");
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("metadata must be a JSON object");
        }
        return value.toString();
    }

    // ---- responses ----

    /** A key's fields as {@code /key/info} and {@code /key/generate} show them. */
    static ObjectNode keyInfo(VirtualKey key, SpendState spend) {
        ObjectNode info = Json.object();
        info.put("token", key.token());
        info.put("key_name", key.keyName());
        info.put("key_alias", key.keyAlias().orElse(null));
        info.put("user_id", key.userId().orElse(null));
        putLimits(info, key.limits(), spend);
        info.put("expires", key.expires().map(Instant::toString).orElse(null));
        info.put("blocked", key.blocked());
        info.set("metadata", parse(key.metadata()));
        info.put("created_at", key.createdAt().toString());
        return info;
    }

    static ObjectNode userInfo(KeyUser user, SpendState spend) {
        ObjectNode info = Json.object();
        info.put("user_id", user.userId());
        info.put("user_alias", user.userAlias().orElse(null));
        info.put("user_email", user.userEmail().orElse(null));
        putLimits(info, user.limits(), spend);
        info.set("metadata", parse(user.metadata()));
        info.put("created_at", user.createdAt().toString());
        return info;
    }

    private static void putLimits(ObjectNode info, Limits limits, SpendState spend) {
        info.put("spend", spend.spend());
        if (limits.maxBudget().isPresent()) {
            info.put("max_budget", limits.maxBudget().getAsDouble());
        } else {
            info.putNull("max_budget");
        }
        info.put("budget_duration", limits.budgetDuration().map(BudgetPeriod::text).orElse(null));
        info.put("budget_reset_at", spend.budgetResetAt().map(Instant::toString).orElse(null));
        putLong(info, "rpm_limit", limits.rpmLimit());
        putLong(info, "tpm_limit", limits.tpmLimit());
        ArrayNode models = info.putArray("models");
        limits.models().forEach(models::add);
    }

    private static void putLong(ObjectNode info, String field, OptionalLong value) {
        if (value.isPresent()) {
            info.put(field, value.getAsLong());
        } else {
            info.putNull(field);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.object();
        }
    }
}
