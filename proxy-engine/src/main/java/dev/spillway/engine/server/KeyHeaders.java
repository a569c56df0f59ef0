package dev.spillway.engine.server;

import dev.spillway.engine.keys.KeyRegistry;
import dev.spillway.engine.keys.VirtualKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.math.BigDecimal;

/**
 * LiteLLM's headers about the virtual key a request came with: its spend so far (before this request) and its
 * limits.
 */
final class KeyHeaders {

    private static final HttpString SPEND = new HttpString("x-litellm-key-spend");
    private static final HttpString MAX_BUDGET = new HttpString("x-litellm-key-max-budget");
    private static final HttpString RPM_LIMIT = new HttpString("x-litellm-key-rpm-limit");
    private static final HttpString TPM_LIMIT = new HttpString("x-litellm-key-tpm-limit");

    private KeyHeaders() {
    }

    static void add(HeaderMap out, VirtualKey key, KeyRegistry keys) {
        keys.keySpend(key.token()).ifPresent(s -> out.put(SPEND, plain(s.spend())));
        key.limits().maxBudget().ifPresent(max -> out.put(MAX_BUDGET, plain(max)));
        key.limits().rpmLimit().ifPresent(rpm -> out.put(RPM_LIMIT, rpm));
        key.limits().tpmLimit().ifPresent(tpm -> out.put(TPM_LIMIT, tpm));
    }

    private static String plain(double usd) {
        return BigDecimal.valueOf(usd).stripTrailingZeros().toPlainString();
    }
}
