package dev.spillway.engine.server;

import dev.spillway.engine.request.Dialect;
import dev.spillway.engine.translate.ErrorTranslation;
import dev.spillway.engine.upstream.AnthropicErrors;
import dev.spillway.engine.upstream.OpenAiErrors;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;

/** How the gateway's own words reach a client: errors, mid-stream errors and keep-alives, in the client's dialect. */
enum ClientFormat {

    ANTHROPIC {
        @Override
        byte[] errorBody(int status, String message, String param, String requestId) {
            return AnthropicErrors.body(AnthropicErrors.typeFor(status), message, requestId);
        }

        @Override
        String errorType(int status) {
            return AnthropicErrors.typeFor(status);
        }

        @Override
        byte[] streamError(String anthropicType, String message) {
            return AnthropicErrors.streamEvent(anthropicType, message);
        }

        @Override
        byte[] keepAlive() {
            return ANTHROPIC_PING;
        }

        @Override
        UpstreamResponse fromGateway(UpstreamResponse gatewayMade) {
            return gatewayMade;
        }
    },

    OPENAI {
        @Override
        byte[] errorBody(int status, String message, String param, String requestId) {
            return OpenAiErrors.body(status, OpenAiErrors.typeFor(status), message, param,
                    status == 404 ? "model_not_found" : null);
        }

        @Override
        String errorType(int status) {
            return OpenAiErrors.typeFor(status);
        }

        @Override
        byte[] streamError(String anthropicType, String message) {
            return OpenAiErrors.streamEvent(OpenAiErrors.typeForAnthropic(anthropicType), message);
        }

        @Override
        byte[] keepAlive() {
            return SSE_COMMENT_PING;
        }

        @Override
        UpstreamResponse fromGateway(UpstreamResponse gatewayMade) {
            UpstreamResponse translated = ErrorTranslation.anthropicToOpenAi(gatewayMade);
            String param = gatewayMade.header(AnthropicErrors.PARAM_HEADER).orElse(null);
            if (param == null) {
                return translated;
            }
            String message = translated.bodyText();
            return UpstreamResponse.complete(translated.status(), translated.headers(),
                    OpenAiErrors.body(translated.status(), OpenAiErrors.typeFor(translated.status()),
                            errorMessage(message), param, null));
        }
    };

    private static final byte[] ANTHROPIC_PING =
            "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SSE_COMMENT_PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    static ClientFormat of(Dialect dialect) {
        return dialect == Dialect.OPENAI ? OPENAI : ANTHROPIC;
    }

    /** An error the gateway writes itself. */
    abstract byte[] errorBody(int status, String message, String param, String requestId);

    abstract String errorType(int status);

    /** An error ending a stream that has started; the type is given in Anthropic's terms. */
    abstract byte[] streamError(String anthropicType, String message);

    /** What keeps a silent stream alive. */
    abstract byte[] keepAlive();

    /** An answer the gateway made below (always in Anthropic's format), in this format. */
    abstract UpstreamResponse fromGateway(UpstreamResponse gatewayMade);

    private static String errorMessage(String openAiBody) {
        try {
            return dev.spillway.engine.json.Json.MAPPER.readTree(openAiBody).path("error").path("message").asText();
        } catch (java.io.IOException e) {
            return openAiBody;
        }
    }
}
