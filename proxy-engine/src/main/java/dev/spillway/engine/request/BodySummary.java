package dev.spillway.engine.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.spillway.engine.json.Json;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * The two top-level fields routing needs ({@code model}, {@code stream}), read in one streaming pass that also checks
 * the whole body is well-formed JSON, without building a tree.
 */
public record BodySummary(String model, boolean stream) {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** @throws InvalidRequestException with a message fit for the client when the body is not a usable request */
    public static BodySummary of(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("The request body is empty: send a JSON object with model, messages and max_tokens.");
        }
        String model = null;
        boolean stream = false;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRequestException("The request body must be a JSON object.");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("model".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new InvalidRequestException("model: expected a string.");
                    }
                    model = parser.getText();
                } else if ("stream".equals(field)) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                        throw new InvalidRequestException("stream: expected a boolean.");
                    }
                    stream = value == JsonToken.VALUE_TRUE;
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new InvalidRequestException("The request body is not valid JSON: unexpected content after the object.");
            }
        } catch (CharConversionException e) {
            throw new InvalidRequestException("The request body is not valid UTF-8: " + firstLine(e.getMessage()));
        } catch (JsonEOFException e) {
            throw new InvalidRequestException("The request body is not valid JSON: it ends too early.");
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("UTF")) {
                throw new InvalidRequestException("The request body is not valid UTF-8: " + firstLine(message));
            }
            throw new InvalidRequestException("The request body is not valid JSON: " + firstLine(message)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new InvalidRequestException("The request body could not be read: " + firstLine(e.getMessage()));
        }
        if (model == null || model.isBlank()) {
            throw new InvalidRequestException("model: Field required.");
        }
        return new BodySummary(model, stream);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
