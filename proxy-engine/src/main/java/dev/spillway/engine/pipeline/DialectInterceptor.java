package dev.spillway.engine.pipeline;

import dev.spillway.engine.request.ClientRequest;
import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.routing.Deployment;
import dev.spillway.engine.translate.TranslationException;
import dev.spillway.engine.translate.Translations;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.Optional;

/**
 * Runs once per attempt, after a deployment is chosen: when the upstream speaks the other dialect, translates the
 * request into it and the answer back (whole, streamed event by event, or an error). A request that cannot be
 * translated gets a 400 naming the field, and no upstream is called.
 */
public final class DialectInterceptor implements Interceptor {

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        Deployment deployment = call.deployment()
                .orElseThrow(() -> new IllegalStateException("no deployment chosen before translation"));
        ClientRequest original = call.request();
        Dialect upstream = deployment.provider().dialect();
        if (original.dialect() == upstream) {
            return chain.proceed(call);
        }
        ClientRequest translated;
        try {
            String upstreamModel = call.target().upstreamModel(deployment);
            translated = Translations.request(original, upstream, upstreamModel,
                    body -> deployment.provider().adaptTranslated(body, upstreamModel));
        } catch (TranslationException e) {
            return AnthropicErrors.response(400, "invalid_request_error", e.getMessage(), original.requestId(),
                    Optional.empty()).withHeader(AnthropicErrors.PARAM_HEADER, e.field());
        }
        UpstreamResponse response = chain.proceed(call.withRequest(translated));
        return Translations.response(response, original, upstream);
    }
}
