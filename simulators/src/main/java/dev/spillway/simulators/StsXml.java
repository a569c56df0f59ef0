package dev.spillway.simulators;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** STS's XML answers (the AWS Query protocol, API version 2011-06-15). */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {
    }

    /**
     * An {@code AssumeRoleResponse}: the temporary credentials, expiring at {@code expiration} (whole seconds, as STS
     * writes it), and the assumed-role user they belong to.
     */
    static String assumeRoleResponse(StsSimulator.RoleCredentials credentials, Instant expiration,
            String assumedRoleArn, String assumedRoleId, String requestId) {
        return """
                <AssumeRoleResponse xmlns="%s">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <AssumedRoleId>%s</AssumedRoleId>
                      <Arn>%s</Arn>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(NAMESPACE, escape(assumedRoleId), escape(assumedRoleArn),
                escape(credentials.accessKeyId()), escape(credentials.secretAccessKey()),
                escape(credentials.sessionToken()), expiration.truncatedTo(ChronoUnit.SECONDS), requestId);
    }

    /** Sends {@code xml} as STS does: {@code text/xml}, with the request id also in {@code x-amzn-RequestId}. */
    static void send(HttpServerExchange exchange, int status, String requestId, String xml) throws IOException {
        Responses.send(exchange, status, "text/xml", Map.of("x-amzn-RequestId", requestId),
                xml.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
