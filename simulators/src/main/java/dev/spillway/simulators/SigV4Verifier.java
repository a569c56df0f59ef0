package dev.spillway.simulators;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 request signatures the way the service would: recomputes the signature from the
 * request as received and the secret of the claimed access key, then compares.
 */
final class SigV4Verifier {

    /** The result of a check: either the verified identity or the error AWS would answer with. */
    sealed interface Outcome {
        record Verified(String accessKeyId, String region) implements Outcome {
        }

        record Rejected(AwsError error) implements Outcome {
        }
    }

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";

    private final String service;
    private final Map<String, String> secretsByAccessKey = new ConcurrentHashMap<>();
    private final Map<String, String> sessionTokensByAccessKey = new ConcurrentHashMap<>();

    SigV4Verifier(String service) {
        this.service = service;
    }

    void addCredentials(String accessKeyId, String secretAccessKey) {
        secretsByAccessKey.put(accessKeyId, secretAccessKey);
    }

    /** Temporary credentials: requests must also carry {@code sessionToken} in {@code x-amz-security-token}. */
    void addCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        sessionTokensByAccessKey.put(accessKeyId, sessionToken);
        secretsByAccessKey.put(accessKeyId, secretAccessKey);
    }

    /** Verifies {@code request}, whose path and query are taken exactly as they arrived. */
    Outcome verify(RecordedRequest request, String rawPath, String rawQuery) {
        String header = request.header("authorization");
        if (header == null) {
            return reject(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        SigV4Authorization auth = SigV4Authorization.parse(header);
        String amzDate = request.header("x-amz-date");
        if (auth == null || amzDate == null) {
            return reject(400, "IncompleteSignatureException", "Authorization header requires 'Credential',"
                    + " 'Signature' and 'SignedHeaders' parameters and an 'X-Amz-Date' header. Authorization=" + header);
        }
        String secret = secretsByAccessKey.get(auth.accessKeyId());
        String sessionToken = sessionTokensByAccessKey.get(auth.accessKeyId());
        if (secret == null || sessionToken != null && !sessionToken.equals(request.header("x-amz-security-token"))) {
            return reject(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!auth.service().equals(service)) {
            return reject(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (request.header("x-amz-security-token") != null && !auth.signedHeaders().contains("x-amz-security-token")) {
            return reject(403, "InvalidSignatureException", "'x-amz-security-token' must be a signed header.");
        }
        String canonical = CanonicalRequest.build(request.method(), rawPath, rawQuery, request::headerValues,
                auth.signedHeaders(), payloadHash(request));
        String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n" + sha256Hex(
                canonical.getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(hmac(signingKey(secret, auth), stringToSign));
        if (!amzDate.startsWith(auth.date()) || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            return reject(403, "InvalidSignatureException", SIGNATURE_MISMATCH);
        }
        return new Outcome.Verified(auth.accessKeyId(), auth.region());
    }

    /** {@code UNSIGNED-PAYLOAD} if the client declared it, else the SHA-256 of the body actually received. */
    private static String payloadHash(RecordedRequest request) {
        String declared = request.header("x-amz-content-sha256");
        return "UNSIGNED-PAYLOAD".equals(declared) ? declared : sha256Hex(request.body());
    }

    private static byte[] signingKey(String secret, SigV4Authorization auth) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome reject(int status, String name, String message) {
        return new Outcome.Rejected(AwsError.auth(status, name, message));
    }
}
