package io.github.schemafirst.connect.record.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonSnippet;
import io.github.schemafirst.connect.record.Position;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Turns the validator's findings into one {@code <pointer>: expected X, got Y} message, built from each finding's
 * keyword, schema value and instance value (never from the validator's English text). The first finding in
 * evaluation order is reported, which is stable for a given schema: keywords in document order, properties in
 * declared order.
 */
final class JsonSchemaViolation {
    private final String pointer;
    private final String reason;

    private JsonSchemaViolation(String pointer, String reason) {
        this.pointer = pointer;
        this.reason = reason;
    }

    static InvalidRecordException toException(Collection<ValidationMessage> messages, Position position) {
        JsonSchemaViolation violation = of(messages);
        return new InvalidRecordException(position, violation.pointer, violation.reason);
    }

    static JsonSchemaViolation of(Collection<ValidationMessage> messages) {
        List<ValidationMessage> all = List.copyOf(messages);
        return translate(all.get(0), all);
    }

    String pointer() {
        return pointer;
    }

    String reason() {
        return reason;
    }

    private static JsonSchemaViolation translate(ValidationMessage message, List<ValidationMessage> all) {
        String at = location(message);
        JsonNode schemaValue = message.getSchemaNode();
        String got = JsonSnippet.of(message.getInstanceNode());
        switch (message.getType()) {
            case "type":
                return new JsonSchemaViolation(at, "expected " + typeNames(schemaValue) + ", got " + got);
            case "required":
                return new JsonSchemaViolation(child(at, message.getProperty()), "expected required field, got nothing");
            case "dependentRequired":
            case "dependencies":
                if (message.getProperty() != null) {
                    return new JsonSchemaViolation(child(at, message.getProperty()),
                            "expected field (required when " + dependencyTrigger(message) + " is present), got nothing");
                }
                break;
            case "additionalProperties":
            case "unevaluatedProperties":
                if (message.getProperty() != null) {
                    String field = child(at, message.getProperty());
                    JsonNode value = message.getInstanceNode() == null ? null
                            : message.getInstanceNode().get(message.getProperty());
                    return new JsonSchemaViolation(field, "expected no field \"" + message.getProperty()
                            + "\" (" + message.getType() + " does not allow it), got " + JsonSnippet.of(value));
                }
                break;
            case "minimum":
                return new JsonSchemaViolation(at, "expected number >= " + schemaValue + ", got " + got);
            case "exclusiveMinimum":
                return new JsonSchemaViolation(at, "expected number > " + schemaValue + ", got " + got);
            case "maximum":
                return new JsonSchemaViolation(at, "expected number <= " + schemaValue + ", got " + got);
            case "exclusiveMaximum":
                return new JsonSchemaViolation(at, "expected number < " + schemaValue + ", got " + got);
            case "multipleOf":
                return new JsonSchemaViolation(at, "expected a multiple of " + schemaValue + ", got " + got);
            case "minLength":
                return new JsonSchemaViolation(at, "expected string of at least " + schemaValue
                        + " characters, got " + got);
            case "maxLength":
                return new JsonSchemaViolation(at, "expected string of at most " + schemaValue
                        + " characters, got " + got);
            case "pattern":
                return new JsonSchemaViolation(at, "expected string matching pattern " + schemaValue + ", got " + got);
            case "format":
                return new JsonSchemaViolation(at, "expected " + format(schemaValue) + ", got " + got);
            case "enum":
                return new JsonSchemaViolation(at, "expected one of " + JsonSnippet.of(schemaValue) + ", got " + got);
            case "const":
                return new JsonSchemaViolation(at, "expected " + JsonSnippet.of(schemaValue) + ", got " + got);
            case "minItems":
                return new JsonSchemaViolation(at, "expected at least " + schemaValue + " items, got "
                        + size(message) + " items");
            case "maxItems":
                return new JsonSchemaViolation(at, "expected at most " + schemaValue + " items, got "
                        + size(message) + " items");
            case "uniqueItems":
                return new JsonSchemaViolation(at, "expected unique items, got " + got);
            case "minProperties":
                return new JsonSchemaViolation(at, "expected at least " + schemaValue + " fields, got "
                        + size(message) + " fields");
            case "maxProperties":
                return new JsonSchemaViolation(at, "expected at most " + schemaValue + " fields, got "
                        + size(message) + " fields");
            case "oneOf":
            case "anyOf":
                return alternatives(message, all, at, got);
            case "not":
                return new JsonSchemaViolation(at, "expected a value not matching " + JsonSnippet.of(schemaValue)
                        + ", got " + got);
            case "false":
                return new JsonSchemaViolation(at, "expected no value (the schema here is false), got " + got);
            default:
                break;
        }
        return new JsonSchemaViolation(at, "expected a value satisfying \"" + message.getType() + "\": "
                + JsonSnippet.of(schemaValue) + ", got " + got);
    }

    /**
     * A failed [T, null] alternative is reported as the finding inside T (a deep field error, or "expected T or
     * null"); other alternatives name the keyword and the count of matching branches.
     */
    private static JsonSchemaViolation alternatives(ValidationMessage message, List<ValidationMessage> all,
                                                    String at, String got) {
        JsonNode branches = message.getSchemaNode();
        int nonNull = nonNullBranch(branches);
        if (nonNull >= 0) {
            String branchPath = message.getEvaluationPath() + "/" + nonNull;
            for (ValidationMessage inner : all) {
                String path = inner.getEvaluationPath().toString();
                if (path.equals(branchPath) || path.startsWith(branchPath + "/")) {
                    JsonSchemaViolation violation = translate(inner, all);
                    if ("type".equals(inner.getType()) && violation.pointer.equals(at)) {
                        return new JsonSchemaViolation(at, "expected " + typeNames(inner.getSchemaNode())
                                + " or null, got " + got);
                    }
                    return violation;
                }
            }
        }
        Object[] arguments = message.getArguments();
        String matching = arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "none";
        return "oneOf".equals(message.getType())
                ? new JsonSchemaViolation(at, "expected a value matching exactly one of the oneOf schemas, got "
                        + got + " (matching " + matching + ")")
                : new JsonSchemaViolation(at, "expected a value matching one of the anyOf schemas, got " + got);
    }

    private static int nonNullBranch(JsonNode branches) {
        if (branches == null || !branches.isArray() || branches.size() != 2) {
            return -1;
        }
        for (int i = 0; i < 2; i++) {
            JsonNode type = branches.get(i).get("type");
            if (type != null && "null".equals(type.asText())) {
                return 1 - i;
            }
        }
        return -1;
    }

    private static String location(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return location.isEmpty() ? "/" : location;
    }

    private static String child(String parent, String name) {
        String token = name.replace("~", "~0").replace("/", "~1");
        return "/".equals(parent) ? "/" + token : parent + "/" + token;
    }

    /** "integer"; ["string", "null"] as "string or null". */
    private static String typeNames(JsonNode schemaValue) {
        if (schemaValue == null) {
            return "a value of the declared type";
        }
        if (!schemaValue.isArray()) {
            return schemaValue.asText();
        }
        StringBuilder names = new StringBuilder();
        Iterator<JsonNode> types = schemaValue.elements();
        while (types.hasNext()) {
            String type = types.next().asText();
            names.append(names.length() == 0 ? "" : types.hasNext() ? ", " : " or ").append(type);
        }
        return names.toString();
    }

    private static String format(JsonNode schemaValue) {
        String name = schemaValue == null ? "formatted" : schemaValue.asText();
        switch (name) {
            case "date-time":
                return "date-time string (RFC 3339)";
            case "date":
                return "date string (RFC 3339 full-date)";
            case "time":
                return "time string (RFC 3339 full-time)";
            default:
                return name + " string";
        }
    }

    private static String dependencyTrigger(ValidationMessage message) {
        Object[] arguments = message.getArguments();
        return arguments != null && arguments.length > 1 ? "\"" + arguments[1] + "\"" : "another field";
    }

    private static int size(ValidationMessage message) {
        JsonNode instance = message.getInstanceNode();
        return instance == null ? 0 : instance.size();
    }
}
