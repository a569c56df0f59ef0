package dev.spillway.engine.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.concurrent.CompletableFuture;

/**
 * One upstream of one kind (Anthropic, Bedrock, …), configured for one deployment. Implementations are thread-safe
 * and never block the caller: the future completes once the upstream's status and headers are known. Failures to
 * reach the upstream complete the future exceptionally with an
 * {@link dev.spillway.engine.upstream.UpstreamException}; error answers complete it normally.
 */
public interface Provider extends AutoCloseable {

    /** The provider kind as shown to users and in the {@code x-spillway-provider} header, e.g. {@code bedrock}. */
    String name();

    /** The dialect the upstream speaks; the gateway translates requests in the other one. */
    default Dialect dialect() {
        return Dialect.ANTHROPIC;
    }

    /** The base URL shown in {@code x-litellm-model-api-base}. */
    String apiBase();

    CompletableFuture<UpstreamResponse> send(UpstreamCall call);

    /**
     * Adjusts a body the gateway translated into this upstream's dialect to what this upstream accepts (parameter
     * names, features a given model lacks). Bodies the client sent in the upstream's own dialect are never touched.
     */
    default void adaptTranslated(ObjectNode body, String upstreamModel) {
    }

    /**
     * Whether this deployment can serve the call at all (e.g. an Anthropic deployment with no key of its own and a
     * caller that brought no credential). The router skips it without counting a failure.
     */
    default boolean canServe(UpstreamCall call) {
        return true;
    }

    @Override
    default void close() {
    }
}
