package io.github.schemafirst.connect.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The REST API's JSON bodies: a document as a request, and the answers read back into this package's types. */
final class RegistryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }

    /** {@code {"schema": "...", "schemaType": "JSON", "references": [...]}}; the type left out for Avro, as usual. */
    static byte[] schemaRequest(SchemaDocument document) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("schema", document.text());
        if (!SchemaDocument.AVRO.equals(document.schemaType())) {
            request.put("schemaType", document.schemaType());
        }
        if (!document.references().isEmpty()) {
            ArrayNode references = request.putArray("references");
            for (SchemaReference reference : document.references()) {
                references.addObject()
                        .put("name", reference.name())
                        .put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing a tree to bytes
        }
    }

    /** Parses a JSON answer; an answer that is not JSON is a protocol problem, reported by the caller. */
    static JsonNode parse(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty answer");
        }
        return node;
    }

    /**
     * A schema under a subject, as answered by {@code GET .../versions/{v}} and {@code POST /subjects/{subject}}:
     * {@code {"subject", "id", "version", "schema", "schemaType"?, "references"?}}.
     */
    static RegisteredSchema registeredSchema(String subject, JsonNode body) throws IOException {
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : body.path("references")) {
            references.add(new SchemaReference(reference.path("name").asText(), reference.path("subject").asText(),
                    reference.path("version").asInt()));
        }
        JsonNode type = body.get("schemaType");
        SchemaDocument document = new SchemaDocument(requiredText(body, "schema"),
                type == null || type.isNull() ? null : type.asText(), references);
        JsonNode answeredSubject = body.get("subject");
        return new RegisteredSchema(answeredSubject != null && answeredSubject.isTextual()
                ? answeredSubject.asText() : subject,
                requiredInt(body, "id"), requiredInt(body, "version"), document);
    }

    /** {@code {"id": 42}} from registering. */
    static int id(JsonNode body) throws IOException {
        return requiredInt(body, "id");
    }

    /** {@code ["a", "b"]} from {@code GET /subjects}. */
    static List<String> subjects(JsonNode body) throws IOException {
        if (!body.isArray()) {
            throw new IOException("expected a JSON array of subjects");
        }
        List<String> subjects = new ArrayList<>(body.size());
        for (JsonNode subject : body) {
            subjects.add(subject.asText());
        }
        return subjects;
    }

    /**
     * {@code {"is_compatible": false, "messages": ["..."]}} from Confluent; Apicurio's ccompat API (2.6) answers a
     * verbose check with one {@code "reason"} string instead (null when not verbose), which becomes the one message.
     */
    static CompatibilityResult compatibility(JsonNode body) throws IOException {
        JsonNode compatible = body.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw new IOException("no boolean \"is_compatible\"");
        }
        List<String> messages = new ArrayList<>();
        JsonNode answered = body.path("messages");
        if (answered.isArray()) {
            for (JsonNode message : answered) {
                messages.add(message.isTextual() ? message.asText() : message.toString());
            }
        } else if (answered.isTextual()) {
            messages.add(answered.asText());
        }
        JsonNode reason = body.path("reason");
        if (messages.isEmpty() && reason.isTextual() && !reason.asText().isBlank()) {
            messages.add(reason.asText());
        }
        return new CompatibilityResult(compatible.booleanValue(), messages);
    }

    /**
     * The registry's error body, {@code {"error_code": 40401, "message": "..."}}; a body of another shape (a proxy's
     * HTML page, say) becomes its first characters as the message, with control characters made visible.
     */
    static ErrorBody error(byte[] body, boolean truncated) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject() && (node.has("error_code") || node.has("message"))) {
                JsonNode message = node.path("message");
                return new ErrorBody(node.path("error_code").asInt(0),
                        message.isMissingNode() || message.isNull() ? null : message.asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: report the text as it is
        }
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < ERROR_TEXT_CHARS; i++) {
            char c = text.charAt(i);
            shown.append(Character.isISOControl(c) ? ' ' : c);
        }
        boolean cut = truncated || shown.length() < text.length();
        String message = shown.toString().strip();
        return new ErrorBody(0, message.isEmpty() ? null : message + (cut ? " ..." : ""));
    }

    /** How much of an error body that is not the registry's JSON goes into a message. */
    static final int ERROR_TEXT_CHARS = 500;

    /** What an error answer said: the registry's code (0 when none) and message (null when none). */
    static final class ErrorBody {
        final int errorCode;
        final String message;

        ErrorBody(int errorCode, String message) {
            this.errorCode = errorCode;
            this.message = message;
        }
    }

    private static String requiredText(JsonNode body, String field) throws IOException {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("no text \"" + field + "\"");
        }
        return value.asText();
    }

    private static int requiredInt(JsonNode body, String field) throws IOException {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IOException("no integer \"" + field + "\"");
        }
        return value.intValue();
    }
}
