package io.floatip.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** The socket's JSON: the records as Jackson writes them (field names are the record components). */
final class ControlJson {

    // Replies are pretty: they are read by people with socat and `floatip status --json` as much as by jq.
    // Unknown fields are skipped so an older client can read a newer agent.
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ControlJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // Records of strings and numbers always serialize; this would be our bug.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String error(String message) {
        return write(Map.of("error", message));
    }

    /** The text of an {@code {"error": ...}} reply, or null when the reply is something else. */
    static String errorOf(String reply) {
        try {
            JsonNode node = MAPPER.readTree(reply);
            JsonNode error = node == null ? null : node.get("error");
            return error != null && error.isTextual() ? error.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
