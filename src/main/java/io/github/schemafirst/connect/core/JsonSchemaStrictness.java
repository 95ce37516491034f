package io.github.schemafirst.connect.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a declared JSON Schema constrains beyond the types: the keywords Confluent's JSON Schema converter
 * does not carry into the schema it derives from a Connect schema ({@code required}, bounds, patterns, lengths,
 * {@code enum}, {@code additionalProperties: false}, ...). With {@code use.latest.version=true} and the default
 * {@code latest.compatibility.strict=true}, the converter requires the registered document to be backward compatible
 * with the derived one, which a document using any of them never is: every record fails
 * ({@code REQUIRED_ATTRIBUTE_ADDED}, {@code EXCLUSIVE_MINIMUM_ADDED}, ...).
 */
final class JsonSchemaStrictness {
    private static final Set<String> CONSTRAINTS = Set.of("required", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "enum", "const", "minItems",
            "maxItems", "uniqueItems", "minProperties", "maxProperties", "dependentRequired", "dependencies", "not");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "definitions", "$defs", "patternProperties");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "additionalItems",
            "contains", "if", "then", "else", "propertyNames");
    private static final int MAX_FINDINGS = 5;

    private JsonSchemaStrictness() {
    }

    /** Up to five places ("required at /properties/age") where the document constrains more than types. */
    static List<String> constraints(JsonNode document) {
        List<String> findings = new ArrayList<>();
        walk(document, "", findings);
        return findings;
    }

    private static void walk(JsonNode schema, String pointer, List<String> findings) {
        if (schema == null || !schema.isObject() || findings.size() >= MAX_FINDINGS) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext() && findings.size() < MAX_FINDINGS) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = pointer + "/" + escape(name);
            boolean closedObject = name.equals("additionalProperties") && value.isBoolean() && !value.booleanValue();
            boolean emptyRequired = name.equals("required") && value.isArray() && value.size() == 0;
            if ((CONSTRAINTS.contains(name) && !emptyRequired) || closedObject) {
                findings.add(name + " at " + at);
            } else if (SCHEMA_MAPS.contains(name) && value.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> members = value.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    walk(member.getValue(), at + "/" + escape(member.getKey()), findings);
                }
            } else if (SCHEMA_LISTS.contains(name) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), at + "/" + i, findings);
                }
            } else if (SCHEMA_VALUES.contains(name)) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        walk(value.get(i), at + "/" + i, findings);
                    }
                } else {
                    walk(value, at, findings);
                }
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
