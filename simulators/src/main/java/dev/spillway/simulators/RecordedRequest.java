package dev.spillway.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request as a simulator received it. Immutable.
 *
 * <p>Besides the HTTP basics, it carries what the simulator understood: the model, whether a stream was asked for
 * and, on Bedrock and STS, the access key and region of a verified SigV4 signature.
 */
public final class RecordedRequest {

    private final String method;
    private final String target;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final JsonNode bodyJson;
    private final String modelId;
    private final boolean streaming;
    private final String accessKeyId;
    private final String region;

    private RecordedRequest(RecordedRequest base, String modelId, boolean streaming, String accessKeyId,
            String region) {
        this.method = base.method;
        this.target = base.target;
        this.headers = base.headers;
        this.body = base.body;
        this.bodyJson = base.bodyJson;
        this.modelId = modelId;
        this.streaming = streaming;
        this.accessKeyId = accessKeyId;
        this.region = region;
    }

    private RecordedRequest(HttpServerExchange exchange, byte[] body) {
        this.method = exchange.getRequestMethod().toString();
        String query = exchange.getQueryString();
        this.target = exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HeaderValues values : exchange.getRequestHeaders()) {
            copy.computeIfAbsent(values.getHeaderName().toString(), name -> new ArrayList<>()).addAll(values);
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body.clone();
        this.bodyJson = Json.parseOrNull(body);
        this.modelId = null;
        this.streaming = false;
        this.accessKeyId = null;
        this.region = null;
    }

    /** Captures the HTTP basics of {@code exchange}. */
    static RecordedRequest of(HttpServerExchange exchange, byte[] body) {
        return new RecordedRequest(exchange, body);
    }

    /** A copy that also carries the model and streaming flag the simulator derived. */
    RecordedRequest withModel(String modelId, boolean streaming) {
        return new RecordedRequest(this, modelId, streaming, accessKeyId, region);
    }

    /** A copy that also carries the verified SigV4 access key and region. */
    RecordedRequest withCredential(String accessKeyId, String region) {
        return new RecordedRequest(this, modelId, streaming, accessKeyId, region);
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The request target as sent: path (still percent-encoded) plus {@code ?query} if there was one. */
    public String path() {
        return target;
    }

    /** The first value of header {@code name} (case-insensitive), or {@code null} if absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of header {@code name} (case-insensitive); empty if absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The names of all headers, as the client spelled them. */
    public Set<String> headerNames() {
        return headers.keySet();
    }

    /** A copy of the raw body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body read as a form ({@code application/x-www-form-urlencoded}, e.g. an STS call's parameters). */
    public Map<String, String> formParameters() {
        return FormBody.parse(bodyUtf8());
    }

    /** The body parsed as JSON, or {@code null} if it was empty or not JSON. Do not modify the returned node. */
    public JsonNode bodyJson() {
        return bodyJson;
    }

    /**
     * The model: the body's {@code model} field on Anthropic and OpenAI, the URL-decoded path segment on Bedrock
     * (e.g. {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}); {@code null} if there was none.
     */
    public String modelId() {
        return modelId;
    }

    /** Whether a streamed answer was asked for ({@code "stream": true}, or Bedrock's invoke-with-response-stream). */
    public boolean isStreaming() {
        return streaming;
    }

    /** Bedrock and STS: the access key id of a verified signature, else {@code null}. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** Bedrock and STS: the region of a verified signature's credential scope, else {@code null}. */
    public String region() {
        return region;
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
