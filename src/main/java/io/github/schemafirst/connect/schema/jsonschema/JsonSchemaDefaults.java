package io.github.schemafirst.connect.schema.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;

/**
 * Turns a declared {@code default} into a Connect default value. Primitives, strings and arrays of them are
 * representable; defaults of structs, maps and date/time values are left to the validator's document only.
 */
final class JsonSchemaDefaults {
    private JsonSchemaDefaults() {
    }

    /**
     * @return the Connect value, or null when this type's defaults are not carried into Connect
     * @throws SchemaDeclarationException when the default does not have the declared type
     */
    static Object toConnect(Schema schema, JsonNode value, String pointer) {
        if (schema.name() != null && schema.name().startsWith("org.apache.kafka.connect.data.")) {
            return null;
        }
        switch (schema.type()) {
            case STRING:
                if (value.isTextual()) {
                    return value.textValue();
                }
                break;
            case INT64:
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                break;
            case FLOAT64:
                if (value.isNumber()) {
                    return value.doubleValue();
                }
                break;
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                break;
            case ARRAY:
                if (value.isArray()) {
                    List<Object> elements = new ArrayList<>();
                    for (int i = 0; i < value.size(); i++) {
                        Object element = toConnect(schema.valueSchema(), value.get(i),
                                JsonSchemaPointers.append(pointer, i));
                        if (element == null) {
                            return null;
                        }
                        elements.add(element);
                    }
                    return elements;
                }
                break;
            default:
                return null;
        }
        throw new SchemaDeclarationException(pointer, "expected a default of type "
                + schema.type().getName() + ", got " + value);
    }
}
