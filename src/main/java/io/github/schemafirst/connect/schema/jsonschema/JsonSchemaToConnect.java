package io.github.schemafirst.connect.schema.jsonschema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Walks a declared JSON Schema document and builds the Connect schema its records map to. Keywords that only
 * constrain values (pattern, minimum, const, not, ...) have no Connect effect: the validator enforces them.
 * Anything without a single Connect shape is a {@link SchemaDeclarationException} naming its JSON Pointer.
 */
final class JsonSchemaToConnect {
    /** Parameter names Confluent's JsonSchemaData uses for string enums, so its converter writes them back. */
    static final String ENUM_PARAMETER = "io.confluent.connect.json.Enum";

    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

    private final JsonNode root;
    /** $ref targets being expanded right now: meeting one again means the schema contains itself. */
    private final Set<String> expanding = new LinkedHashSet<>();

    private JsonSchemaToConnect(JsonNode root) {
        this.root = root;
    }

    static Schema translate(JsonNode root) {
        rejectRemoteRefs(root, "");
        JsonSchemaToConnect walker = new JsonSchemaToConnect(root);
        walker.expanding.add("");
        Shape shape = walker.shape(root, "");
        return finish(shape, shape.nullable);
    }

    /** What one schema maps to before its field decides whether it is optional. */
    private static final class Shape {
        final SchemaBuilder builder;
        String name;
        String doc;
        boolean nullable;
        JsonNode defaultValue;
        String defaultPointer;

        Shape(SchemaBuilder builder) {
            this.builder = builder;
        }
    }

    private static Schema finish(Shape shape, boolean optional) {
        SchemaBuilder builder = shape.builder;
        if (shape.name != null && !isLogical(builder)) {
            builder.name(shape.name);
        }
        if (shape.doc != null) {
            builder.doc(shape.doc);
        }
        if (optional) {
            builder.optional();
        }
        if (shape.defaultValue != null && !shape.defaultValue.isNull()) {
            Object value = JsonSchemaDefaults.toConnect(builder, shape.defaultValue, shape.defaultPointer);
            if (value != null) {
                builder.defaultValue(value);
            }
        }
        return builder.build();
    }

    private Shape shape(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new SchemaDeclarationException(pointer, "expected a schema object, got " + node
                    + " (a schema that accepts anything, or nothing, has no Connect type)");
        }
        JsonNode ref = node.get("$ref");
        if (ref != null) {
            return annotate(referenced(ref, pointer), node, pointer);
        }
        JsonNode typeNode = node.get("type");
        Shape alternatives = nullableAlternatives(node, pointer, typeNode != null);
        if (alternatives != null) {
            return annotate(alternatives, node, pointer);
        }
        JsonNode allOf = node.get("allOf");
        if (allOf != null && typeNode == null) {
            if (allOf.isArray() && allOf.size() == 1) {
                return annotate(shape(allOf.get(0), JsonSchemaPointers.append(
                        JsonSchemaPointers.append(pointer, "allOf"), 0)), node, pointer);
            }
            throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "allOf"),
                    "allOf of several schemas has no single Connect type; declare \"type\" beside it, or merge them");
        }
        boolean nullable = false;
        String type;
        if (typeNode == null) {
            type = inferType(node, pointer);
        } else if (typeNode.isTextual()) {
            type = typeNode.textValue();
        } else if (typeNode.isArray()) {
            List<String> types = new ArrayList<>();
            for (JsonNode t : typeNode) {
                if ("null".equals(t.asText())) {
                    nullable = true;
                } else {
                    types.add(t.asText());
                }
            }
            if (types.size() != 1) {
                throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "type"), types.isEmpty()
                        ? "a value that can only be null has no Connect type"
                        : "a value of several types " + typeNode + " has no single Connect type; "
                        + "only [\"T\", \"null\"] is supported");
            }
            type = types.get(0);
        } else {
            throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "type"),
                    "expected a type name or an array of type names, got " + typeNode);
        }
        Shape shape = new Shape(typed(node, pointer, type));
        shape.nullable = nullable;
        return annotate(shape, node, pointer);
    }

    /** Title, description and default of {@code node}, laid over what it refers to or wraps. */
    private static Shape annotate(Shape shape, JsonNode node, String pointer) {
        JsonNode title = node.get("title");
        if (title != null && title.isTextual()) {
            shape.name = title.textValue();
        }
        JsonNode description = node.get("description");
        if (description != null && description.isTextual()) {
            shape.doc = description.textValue();
        }
        if (node.has("default")) {
            shape.defaultValue = node.get("default");
            shape.defaultPointer = JsonSchemaPointers.append(pointer, "default");
        }
        return shape;
    }

    private Shape referenced(JsonNode ref, String pointer) {
        String at = JsonSchemaPointers.append(pointer, "$ref");
        if (!ref.isTextual()) {
            throw new SchemaDeclarationException(at, "expected a reference string, got " + ref);
        }
        String target = ref.textValue();
        if (!target.startsWith("#") || (target.length() > 1 && target.charAt(1) != '/')) {
            throw new SchemaDeclarationException(at, "only local references like \"#/$defs/Name\" are supported, got "
                    + ref);
        }
        String targetPointer = decode(target.substring(1));
        if (expanding.contains(targetPointer)) {
            throw new SchemaDeclarationException(pointer, "recursive $ref " + ref + ": a type that contains itself "
                    + "has no Connect schema");
        }
        JsonNode resolved;
        try {
            resolved = root.at(JsonPointer.compile(targetPointer));
        } catch (IllegalArgumentException e) {
            throw new SchemaDeclarationException(at, "not a JSON Pointer: " + ref, e);
        }
        if (resolved.isMissingNode()) {
            throw new SchemaDeclarationException(at, "$ref target " + ref + " not found in this document");
        }
        expanding.add(targetPointer);
        try {
            return shape(resolved, targetPointer);
        } finally {
            expanding.remove(targetPointer);
        }
    }

    private static String decode(String fragment) {
        if (fragment.indexOf('%') < 0) {
            return fragment;
        }
        try {
            return URLDecoder.decode(fragment.replace("+", "%2B"), "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return fragment;
        }
    }

    /**
     * {@code oneOf}/{@code anyOf} of exactly a type and {@code {"type":"null"}} is an optional value of that type;
     * other combinations are validation-only when {@code type} is declared beside them, unmappable otherwise.
     */
    private Shape nullableAlternatives(JsonNode node, String pointer, boolean typed) {
        for (String keyword : new String[] {"oneOf", "anyOf"}) {
            JsonNode alternatives = node.get(keyword);
            if (alternatives == null) {
                continue;
            }
            String at = JsonSchemaPointers.append(pointer, keyword);
            if (alternatives.isArray() && alternatives.size() == 2) {
                for (int i = 0; i < 2; i++) {
                    if (isNullSchema(alternatives.get(i))) {
                        int other = 1 - i;
                        Shape shape = shape(alternatives.get(other), JsonSchemaPointers.append(at, other));
                        shape.nullable = true;
                        return shape;
                    }
                }
            }
            if (!typed) {
                throw new SchemaDeclarationException(at, keyword + " of alternatives other than [T, {\"type\": "
                        + "\"null\"}] has no single Connect type");
            }
        }
        return null;
    }

    private static boolean isNullSchema(JsonNode node) {
        JsonNode type = node.get("type");
        return node.isObject() && type != null && "null".equals(type.asText()) && !node.has("$ref");
    }

    private static String inferType(JsonNode node, String pointer) {
        if (node.has("properties") || node.has("additionalProperties")) {
            return "object";
        }
        if (node.has("items")) {
            return "array";
        }
        JsonNode values = node.has("enum") ? node.get("enum") : null;
        if (values == null && node.has("const")) {
            values = node.get("const");
        }
        if (values != null) {
            Set<String> types = new HashSet<>();
            for (JsonNode value : values.isArray() ? values : List.of(values)) {
                if (!value.isNull()) {
                    types.add(value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
                            : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "mixed");
                }
            }
            if (types.size() == 1 && !types.contains("mixed")) {
                return types.iterator().next();
            }
        }
        throw new SchemaDeclarationException(pointer, "no \"type\" and none can be inferred; declare \"type\"");
    }

    private SchemaBuilder typed(JsonNode node, String pointer, String type) {
        switch (type) {
            case "string":
                return string(node, pointer);
            case "integer":
                return SchemaBuilder.int64();
            case "number":
                return SchemaBuilder.float64();
            case "boolean":
                return SchemaBuilder.bool();
            case "array":
                return array(node, pointer);
            case "object":
                return object(node, pointer);
            case "null":
                throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "type"),
                        "a value that can only be null has no Connect type");
            default:
                throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "type"),
                        "unknown type \"" + type + "\"");
        }
    }

    private static SchemaBuilder string(JsonNode node, String pointer) {
        JsonNode format = node.get("format");
        if (format != null && format.isTextual()) {
            switch (format.textValue()) {
                case "date-time":
                    return Timestamp.builder();
                case "date":
                    return Date.builder();
                case "time":
                    return Time.builder();
                default:
                    break;
            }
        }
        SchemaBuilder builder = SchemaBuilder.string();
        JsonNode values = node.get("enum");
        if (values != null && values.isArray()) {
            List<String> symbols = new ArrayList<>();
            for (JsonNode value : values) {
                if (value.isTextual()) {
                    symbols.add(value.textValue());
                } else if (!value.isNull()) {
                    return builder; // not a string enum: validation only
                }
            }
            // Confluent's JsonSchemaData marks a string enum this way; its converter writes the enum back from these.
            builder.parameter(ENUM_PARAMETER, "");
            for (String symbol : symbols) {
                builder.parameter(ENUM_PARAMETER + "." + symbol, symbol);
            }
        }
        return builder;
    }

    private SchemaBuilder array(JsonNode node, String pointer) {
        if (node.has("prefixItems")) {
            throw new SchemaDeclarationException(JsonSchemaPointers.append(pointer, "prefixItems"),
                    "tuples have no Connect type; use one \"items\" schema for every element");
        }
        JsonNode items = node.get("items");
        String at = JsonSchemaPointers.append(pointer, "items");
        if (items == null) {
            throw new SchemaDeclarationException(pointer, "an array needs an \"items\" schema to have a Connect type");
        }
        if (items.isArray()) {
            throw new SchemaDeclarationException(at,
                    "tuples have no Connect type; use one \"items\" schema for every element");
        }
        Shape element = shape(items, at);
        return SchemaBuilder.array(finish(element, element.nullable));
    }

    private SchemaBuilder object(JsonNode node, String pointer) {
        JsonNode properties = node.get("properties");
        JsonNode additional = node.get("additionalProperties");
        if (properties == null) {
            if (additional != null && additional.isObject()) {
                Shape value = shape(additional, JsonSchemaPointers.append(pointer, "additionalProperties"));
                return SchemaBuilder.map(Schema.STRING_SCHEMA, finish(value, value.nullable));
            }
            throw new SchemaDeclarationException(pointer, "an object needs \"properties\" (a struct) or an "
                    + "\"additionalProperties\" schema (a map) to have a Connect type");
        }
        String propertiesPointer = JsonSchemaPointers.append(pointer, "properties");
        if (!properties.isObject()) {
            throw new SchemaDeclarationException(propertiesPointer, "expected an object of schemas, got "
                    + properties);
        }
        Set<String> required = new HashSet<>();
        JsonNode requiredNode = node.get("required");
        if (requiredNode != null && requiredNode.isArray()) {
            for (JsonNode name : requiredNode) {
                required.add(name.asText());
            }
        }
        SchemaBuilder struct = SchemaBuilder.struct();
        // Jackson keeps object members in document order: fields come out in the order they were declared.
        Iterator<Map.Entry<String, JsonNode>> members = properties.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            Shape field = shape(member.getValue(), JsonSchemaPointers.append(propertiesPointer, member.getKey()));
            boolean optional = field.nullable || !required.contains(member.getKey());
            struct.field(member.getKey(), finish(field, optional));
        }
        return struct;
    }

    private static boolean isLogical(SchemaBuilder builder) {
        String name = builder.name();
        return Timestamp.LOGICAL_NAME.equals(name) || Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name);
    }

    /** Refuses {@code $ref}s that point outside the document, wherever they are (even in validation-only parts). */
    private static void rejectRemoteRefs(JsonNode node, String pointer) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = node.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                String at = JsonSchemaPointers.append(pointer, member.getKey());
                if ("$ref".equals(member.getKey()) && member.getValue().isTextual()) {
                    String target = member.getValue().textValue();
                    if (!target.startsWith("#")) {
                        throw new SchemaDeclarationException(at, "remote references are not supported (the "
                                + "connector never fetches schemas); copy the referenced schema under \"$defs\", got "
                                + member.getValue());
                    }
                } else if (!DATA_KEYWORDS.contains(member.getKey())) {
                    rejectRemoteRefs(member.getValue(), at);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectRemoteRefs(node.get(i), JsonSchemaPointers.append(pointer, i));
            }
        }
    }
}
