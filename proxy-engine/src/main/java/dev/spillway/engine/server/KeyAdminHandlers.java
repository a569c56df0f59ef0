package dev.spillway.engine.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.keys.GeneratedKey;
import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.keys.KeySpec;
import dev.spillway.engine.keys.KeyUpdate;
import dev.spillway.engine.keys.KeyUser;
import dev.spillway.engine.keys.KeyView;
import dev.spillway.engine.keys.Limits;
import dev.spillway.engine.keys.SpendState;
import dev.spillway.engine.keys.UserSpec;
import dev.spillway.engine.keys.VirtualKey;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.Optional;

/**
 * LiteLLM's key and user management routes: {@code POST /key/generate}, {@code GET /key/info},
 * {@code POST /key/update}, {@code POST /key/block}, {@code POST /key/unblock}, {@code POST /key/delete},
 * {@code GET /key/list}, {@code POST /user/new}, {@code GET /user/info}. Admin-only (the caller wraps them).
 */
final class KeyAdminHandlers {

    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE_SIZE = 100;
    private static final SpendState NO_SPEND = new SpendState(0, Optional.empty());

    private final Optional<KeyRegistry> keys;

    KeyAdminHandlers(Optional<KeyRegistry> keys) {
        this.keys = keys;
    }

    private KeyRegistry registry() {
        return keys.orElseThrow(() -> new AdminExchange.Failure(503, "Virtual keys need the spend database, and "
                + "this Spillway runs without one (spillway serve keeps it in the data directory; or set "
                + "general_settings.database_url)."));
    }

    HttpHandler generate() {
        return AdminExchange.handler(ex -> {
            KeySpec spec = KeyApiJson.keySpec(KeyApiJson.object(ex.body()));
            GeneratedKey generated = registry().generate(spec);
            ObjectNode out = KeyApiJson.keyInfo(generated.virtualKey(), generated.spend());
            out.put("key", generated.key());
            out.put("token_id", generated.virtualKey().token());
            ex.json(200, out);
        });
    }

    HttpHandler info() {
        return AdminExchange.handler(ex -> {
            String asked = ex.param("key").orElseThrow(() -> new IllegalArgumentException(
                    "key is required: GET /key/info?key=<the key or its token>"));
            VirtualKey key = registry().key(asked)
                    .orElseThrow(() -> new AdminExchange.Failure(404, "No such key."));
            ObjectNode out = Json.object();
            out.put("key", asked);
            out.set("info", KeyApiJson.keyInfo(key, spend(key)));
            ex.json(200, out);
        });
    }

    /** Changes the fields given; answers with the key as it is now. */
    HttpHandler update() {
        return AdminExchange.handler(ex -> {
            ObjectNode body = KeyApiJson.object(ex.body());
            String key = KeyApiJson.keyField(body);
            KeyView updated = registry().update(key, KeyApiJson.keyUpdate(body))
                    .orElseThrow(() -> new AdminExchange.Failure(404, "No such key."));
            ex.json(200, KeyApiJson.keyInfo(updated.key(), updated.spend()));
        });
    }

    /** {@code /key/block} and {@code /key/unblock}: {@code {"key": ...}}. */
    HttpHandler block(boolean blocked) {
        return AdminExchange.handler(ex -> {
            String key = KeyApiJson.keyField(KeyApiJson.object(ex.body()));
            KeyView updated = registry().update(key, KeyUpdate.blocked(blocked))
                    .orElseThrow(() -> new AdminExchange.Failure(404, "No such key."));
            ex.json(200, KeyApiJson.keyInfo(updated.key(), updated.spend()));
        });
    }

    HttpHandler delete() {
        return AdminExchange.handler(ex -> {
            ObjectNode body = KeyApiJson.object(ex.body());
            List<String> asked = KeyApiJson.texts(body, "keys");
            List<String> aliases = KeyApiJson.texts(body, "key_aliases");
            if (asked.isEmpty() && aliases.isEmpty()) {
                throw new IllegalArgumentException("give the keys to delete in keys (keys or tokens) or key_aliases");
            }
            List<String> deleted = registry().delete(asked, aliases);
            if (deleted.isEmpty()) {
                throw new AdminExchange.Failure(404, "None of the keys exist.");
            }
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("deleted_keys");
            deleted.forEach(list::add);
            ex.json(200, out);
        });
    }

    HttpHandler list() {
        return AdminExchange.handler(ex -> {
            int page = positive(ex.param("page"), 1, "page");
            int size = Math.min(MAX_PAGE_SIZE, positive(ex.param("size"), DEFAULT_PAGE_SIZE, "size"));
            boolean full = ex.param("return_full_object").map(Boolean::parseBoolean).orElse(false);
            Optional<String> alias = ex.param("key_alias");
            List<VirtualKey> all = registry().keys(ex.param("user_id")).stream()
                    .filter(k -> alias.isEmpty() || alias.equals(k.keyAlias()))
                    .toList();
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("keys");
            all.stream().skip((long) (page - 1) * size).limit(size)
                    .forEach(k -> {
                        if (full) {
                            list.add(KeyApiJson.keyInfo(k, spend(k)));
                        } else {
                            list.add(k.token());
                        }
                    });
            out.put("total_count", all.size());
            out.put("current_page", page);
            out.put("total_pages", Math.max(1, (all.size() + size - 1) / size));
            ex.json(200, out);
        });
    }

    /** Creates a user and, unless {@code auto_create_key} is false, a key for them (as LiteLLM does). */
    HttpHandler newUser() {
        return AdminExchange.handler(ex -> {
            ObjectNode body = KeyApiJson.object(ex.body());
            UserSpec spec = KeyApiJson.userSpec(body);
            KeyRegistry registry = registry();
            KeyUser user = registry.newUser(spec);
            ObjectNode out = KeyApiJson.userInfo(user, registry.userSpend(user.userId()).orElse(NO_SPEND));
            if (KeyApiJson.autoCreateKey(body)) {
                GeneratedKey key = registry.generate(new KeySpec(Optional.empty(),
                        Optional.ofNullable(body.path("key_alias").textValue()), Optional.of(user.userId()),
                        Limits.NONE, Optional.empty(), false, "{}"));
                out.put("key", key.key());
                out.put("token", key.virtualKey().token());
                out.put("key_name", key.virtualKey().keyName());
            }
            ex.json(200, out);
        });
    }

    HttpHandler userInfo() {
        return AdminExchange.handler(ex -> {
            String id = ex.param("user_id").orElseThrow(() -> new IllegalArgumentException(
                    "user_id is required: GET /user/info?user_id=<id>"));
            KeyRegistry registry = registry();
            KeyUser user = registry.user(id).orElseThrow(() -> new AdminExchange.Failure(404, "No such user."));
            ObjectNode out = Json.object();
            out.put("user_id", id);
            out.set("user_info", KeyApiJson.userInfo(user, registry.userSpend(id).orElse(NO_SPEND)));
            ArrayNode list = out.putArray("keys");
            registry.keys(Optional.of(id)).forEach(k -> list.add(KeyApiJson.keyInfo(k, spend(k))));
            out.putArray("teams");
            ex.json(200, out);
        });
    }

    private SpendState spend(VirtualKey key) {
        return registry().keySpend(key.token()).orElse(NO_SPEND);
    }

    private static int positive(Optional<String> value, int fallback, String name) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number, 1 or more");
    }
}
