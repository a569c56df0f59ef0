package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS JSON error response: the status, {@code x-amzn-ErrorType: <Name>:<namespace>} and {@code {"message":...}},
 * which the SDK turns into the modelled exception class of that name.
 *
 * @param status HTTP status
 * @param name exception name, e.g. {@code ThrottlingException}
 * @param message human-readable message
 * @param namespace the Coral namespace after the name in {@code x-amzn-ErrorType}
 */
record AwsError(int status, String name, String message, String namespace) {

    static final String BEDROCK = "http://internal.amazon.com/coral/com.amazon.bedrock/";
    static final String CORAL_SERVICE = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    private static final Map<String, Integer> STREAM_EXCEPTION_STATUS = Map.of(
            "internalServerException", 500,
            "modelStreamErrorException", 424,
            "validationException", 400,
            "throttlingException", 429,
            "modelTimeoutException", 408,
            "serviceUnavailableException", 503);

    /** A Bedrock service exception. */
    static AwsError bedrock(int status, String name, String message) {
        return new AwsError(status, name, message, BEDROCK);
    }

    /** A request-authentication failure, raised by the AWS front end rather than by Bedrock. */
    static AwsError auth(int status, String name, String message) {
        return new AwsError(status, name, message, CORAL_SERVICE);
    }

    /** The HTTP form of an in-stream exception such as {@code throttlingException}. */
    static AwsError fromStreamException(String exceptionType, String message) {
        String name = Character.toUpperCase(exceptionType.charAt(0)) + exceptionType.substring(1);
        return bedrock(STREAM_EXCEPTION_STATUS.getOrDefault(exceptionType, 500), name, message);
    }

    void send(HttpServerExchange exchange, String requestId, Map<String, String> extraHeaders) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", name + ":" + namespace);
        headers.putAll(extraHeaders);
        Responses.send(exchange, status, "application/json", headers, Json.bytes(Json.object().put("message", message)));
    }
}
