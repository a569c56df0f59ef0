package dev.spillway.engine.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.json.Json;
import dev.spillway.engine.upstream.RequestHeaders;
import java.util.Optional;

/**
 * A validated request from a client, as received: the raw body bytes are what an Anthropic upstream gets, unchanged.
 * The parsed JSON tree is built only when a translating provider (Bedrock) asks for it.
 */
public final class ClientRequest {

    private final String requestId;
    private final Operation operation;
    private final String query;
    private final RequestHeaders headers;
    private final byte[] body;
    private final String model;
    private final boolean stream;
    private final Optional<CallerCredential> credential;
    private volatile ObjectNode json;

    public ClientRequest(String requestId, Operation operation, String query, RequestHeaders headers, byte[] body,
            String model, boolean stream, Optional<CallerCredential> credential) {
        this.requestId = requestId;
        this.operation = operation;
        this.query = query == null ? "" : query;
        this.headers = headers;
        this.body = body;
        this.model = model;
        this.stream = stream;
        this.credential = credential;
    }

    public String requestId() {
        return requestId;
    }

    public Operation operation() {
        return operation;
    }

    /** The dialect the client speaks, and expects answers in. */
    public Dialect dialect() {
        return operation.dialect();
    }

    /** The same request as another operation with another body, e.g. translated for an upstream's dialect. */
    public ClientRequest withBody(Operation newOperation, byte[] newBody, String newModel) {
        return new ClientRequest(requestId, newOperation, query, headers, newBody, newModel, stream, credential);
    }

    /** The query string without {@code ?}, empty if none (Claude Code sends {@code beta=true}). */
    public String query() {
        return query;
    }

    /** The client's headers, with the proxy's own key already removed. */
    public RequestHeaders headers() {
        return headers;
    }

    /** The body exactly as received. Do not modify. */
    public byte[] body() {
        return body;
    }

    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    public Optional<CallerCredential> credential() {
        return credential;
    }

    /** A fresh mutable copy of the parsed body. */
    public ObjectNode jsonCopy() {
        ObjectNode tree = json;
        if (tree == null) {
            tree = Json.parseObject(body);
            json = tree;
        }
        return tree.deepCopy();
    }
}
