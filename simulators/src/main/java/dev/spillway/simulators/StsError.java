package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Map;

/**
 * An STS (AWS Query protocol) error: the status and an XML {@code ErrorResponse} whose {@code Error} carries
 * {@code Type} ({@code Sender} for the caller's mistakes), {@code Code} and {@code Message}, with the request id beside
 * it. The SDK turns the code into the modelled exception of that name, or a plain {@code StsException}.
 *
 * @param status HTTP status
 * @param code the error code, e.g. {@code AccessDenied}
 * @param message human-readable message
 */
record StsError(int status, String code, String message) {

    /** What the SigV4 check's JSON-protocol error names are called in the Query protocol's codes. */
    private static final Map<String, String> QUERY_CODES = Map.of(
            "MissingAuthenticationTokenException", "MissingAuthenticationToken",
            "IncompleteSignatureException", "IncompleteSignature",
            "UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidSignatureException", "SignatureDoesNotMatch");

    /** A refused signature, as STS words it. */
    static StsError fromSignatureCheck(AwsError error) {
        String code = QUERY_CODES.getOrDefault(error.name(), error.name());
        String message = code.equals("MissingAuthenticationToken") ? "Request is missing Authentication Token"
                : error.message();
        return new StsError(error.status(), code, message);
    }

    static StsError accessDenied(String message) {
        return new StsError(403, "AccessDenied", message);
    }

    static StsError validation(String message) {
        return new StsError(400, "ValidationError", message);
    }

    void send(HttpServerExchange exchange) throws IOException {
        String requestId = Ids.awsRequestId();
        String type = status < 500 ? "Sender" : "Receiver";
        String xml = """
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>%s</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(StsXml.NAMESPACE, type, StsXml.escape(code), StsXml.escape(message), requestId);
        StsXml.send(exchange, status, requestId, xml);
    }
}
