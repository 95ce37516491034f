package io.github.schemafirst.connect.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Avro parser's messages, which name a field or a type but no place, into a JSON Pointer into the
 * declared document when the message names something that can be found there; {@code /} otherwise.
 */
final class AvroErrorLocator {
    private static final Pattern BAD_DEFAULT = Pattern.compile("Invalid default for field ([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern UNDEFINED = Pattern.compile("Undefined (?:schema|name): \"?([A-Za-z0-9_.]+)\"?");

    private AvroErrorLocator() {
    }

    static String locate(JsonNode tree, String message) {
        if (tree == null || message == null) {
            return "/";
        }
        Matcher badDefault = BAD_DEFAULT.matcher(message);
        if (badDefault.find()) {
            String found = findField(tree, "", badDefault.group(1));
            return found == null ? "/" : found + "/default";
        }
        Matcher undefined = UNDEFINED.matcher(message);
        if (undefined.find()) {
            String name = undefined.group(1);
            String found = findText(tree, "", name);
            if (found == null && name.contains(".")) {
                // the parser reports the full name; the document may use the short one inside its namespace
                found = findText(tree, "", name.substring(name.lastIndexOf('.') + 1));
            }
            return found == null ? "/" : found;
        }
        return "/";
    }

    /** Depth-first, in document order: the first field object named {@code name}. */
    private static String findField(JsonNode node, String pointer, String name) {
        if (node.isObject()) {
            JsonNode fields = node.get("fields");
            if (fields != null && fields.isArray()) {
                for (int i = 0; i < fields.size(); i++) {
                    JsonNode field = fields.get(i);
                    if (field.isObject() && field.path("name").asText("").equals(name)) {
                        return pointer + "/fields/" + i;
                    }
                }
            }
        }
        return descend(node, pointer, child -> findField(child.node, child.pointer, name));
    }

    /** The first string value equal to {@code text} that sits where a type is expected. */
    private static String findText(JsonNode node, String pointer, String text) {
        if (node.isTextual() && node.textValue().equals(text)) {
            return pointer.isEmpty() ? "/" : pointer;
        }
        return descend(node, pointer, child -> {
            if ("name".equals(child.key) || "namespace".equals(child.key) || "doc".equals(child.key)) {
                return null;
            }
            return findText(child.node, child.pointer, text);
        });
    }

    private static String descend(JsonNode node, String pointer, java.util.function.Function<Child, String> visit) {
        if (node.isObject()) {
            Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                java.util.Map.Entry<String, JsonNode> entry = fields.next();
                String found = visit.apply(new Child(entry.getKey(), entry.getValue(),
                        pointer + "/" + AvroJsonPointer.escape(entry.getKey())));
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = visit.apply(new Child(null, node.get(i), pointer + "/" + i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static final class Child {
        final String key;
        final JsonNode node;
        final String pointer;

        Child(String key, JsonNode node, String pointer) {
            this.key = key;
            this.node = node;
            this.pointer = pointer;
        }
    }
}
