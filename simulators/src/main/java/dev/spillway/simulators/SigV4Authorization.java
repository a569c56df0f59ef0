package dev.spillway.simulators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 *
 * @param accessKeyId the access key id from the credential
 * @param date the {@code yyyyMMdd} date of the credential scope
 * @param region the region of the credential scope
 * @param service the service of the credential scope
 * @param signedHeaders the lower-case names of the signed headers, in the order given
 * @param signature the hex signature
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
        String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The credential scope, {@code date/region/service/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    /** Parses {@code header}; {@code null} if it is not a well-formed SigV4 authorization. */
    static SigV4Authorization parse(String header) {
        if (header == null || !header.startsWith(ALGORITHM + " ")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : header.substring(ALGORITHM.length() + 1).split(",")) {
            String[] pair = field.trim().split("=", 2);
            if (pair.length == 2) {
                fields.put(pair[0], pair[1]);
            }
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return null;
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            return null;
        }
        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")),
                signature);
    }
}
