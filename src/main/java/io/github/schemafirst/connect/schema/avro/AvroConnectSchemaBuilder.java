package io.github.schemafirst.connect.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Walks a parsed Avro schema (and, beside it, the declared JSON tree, only to name places in errors) and builds the
 * Connect schema following Confluent's {@code AvroData} conventions with {@code enhanced.avro.schema.support=true}.
 * One instance per translation: it remembers where named types were defined and which records are being built.
 */
final class AvroConnectSchemaBuilder {
    static final String NAMESPACE = "io.confluent.connect.avro";
    static final String RECORD_DOC = NAMESPACE + ".record.doc";
    static final String FIELD_DOC_PREFIX = NAMESPACE + ".field.doc.";
    static final String FIELD_DEFAULT_FLAG = NAMESPACE + ".field.default";
    static final String ENUM = NAMESPACE + ".Enum";
    static final String ENUM_DOC_PREFIX = NAMESPACE + ".enum.doc.";
    static final String ENUM_DEFAULT_PREFIX = NAMESPACE + ".enum.default.";
    static final String UNION = NAMESPACE + ".Union";
    static final String FIXED_SIZE = "connect.fixed.size";
    static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** AvroData leaves the precision parameter out when it equals this (its own default). */
    static final int DECIMAL_PRECISION_DEFAULT = 64;
    /** AvroData copies schema properties whose names start with this into Connect parameters. */
    private static final String AVRO_PROP_PREFIX = "avro";

    private final Map<String, Located> definitions = new HashMap<>();
    private final Set<String> recordsInProgress = new HashSet<>();

    Schema toConnect(org.apache.avro.Schema avro, JsonNode tree) {
        return convert(avro, tree, "", false, null);
    }

    /**
     * @param json         the JSON that declares {@code avro} at {@code pointer}, or null when unknown
     * @param fieldDefault the Avro field default as {@code Schema.Field#defaultVal()} gives it, or null for none
     */
    private Schema convert(org.apache.avro.Schema avro, JsonNode json, String pointer, boolean optional,
                           Object fieldDefault) {
        if (avro.getType() == org.apache.avro.Schema.Type.RECORD && recordsInProgress.contains(avro.getFullName())) {
            throw new SchemaDeclarationException(pointer, "record " + avro.getFullName()
                    + " contains itself; recursive types have no Connect mapping");
        }
        Located here = locate(avro, json, pointer);
        json = here.json;
        pointer = here.pointer;
        SchemaBuilder builder;
        switch (avro.getType()) {
            case NULL:
                throw new SchemaDeclarationException(pointer, "a standalone \"null\" type has no Connect mapping;"
                        + " use it in a union such as [\"null\", \"string\"]");
            case BOOLEAN:
                builder = SchemaBuilder.bool();
                break;
            case INT:
                builder = intBuilder(avro);
                break;
            case LONG:
                builder = isLogical(avro, "timestamp-millis") ? Timestamp.builder() : SchemaBuilder.int64();
                break;
            case FLOAT:
                builder = SchemaBuilder.float32();
                break;
            case DOUBLE:
                builder = SchemaBuilder.float64();
                break;
            case STRING:
                builder = SchemaBuilder.string();
                break;
            case BYTES:
            case FIXED:
                builder = bytesBuilder(avro, pointer);
                break;
            case ENUM:
                builder = enumBuilder(avro);
                break;
            case ARRAY:
                builder = SchemaBuilder.array(
                        convert(avro.getElementType(), child(json, "items"), pointer + "/items", false, null));
                break;
            case MAP:
                builder = SchemaBuilder.map(Schema.STRING_SCHEMA,
                        convert(avro.getValueType(), child(json, "values"), pointer + "/values", false, null));
                break;
            case RECORD:
                builder = recordBuilder(avro, json, pointer);
                break;
            case UNION:
                if (AvroUnions.isNullable(avro)) {
                    int branch = AvroUnions.nonNullBranch(avro);
                    Object branchDefault = fieldDefault == JsonProperties.NULL_VALUE ? null : fieldDefault;
                    return convert(avro.getTypes().get(branch), child(json, branch), pointer + "/" + branch, true,
                            branchDefault);
                }
                builder = unionBuilder(avro, json, pointer);
                break;
            default:
                throw new SchemaDeclarationException(pointer, "Avro type " + avro.getType() + " is not supported");
        }
        for (Map.Entry<String, Object> prop : avro.getObjectProps().entrySet()) {
            if (prop.getKey().startsWith(AVRO_PROP_PREFIX)) {
                builder.parameter(prop.getKey(), String.valueOf(prop.getValue()));
            }
        }
        if (fieldDefault != null) {
            builder.parameter(FIELD_DEFAULT_FLAG, "true");
            if (fieldDefault != JsonProperties.NULL_VALUE) {
                builder.defaultValue(AvroDefaults.toConnect(avro, builder, fieldDefault));
            }
        }
        if (builder.name() == null && isNamed(avro)) {
            builder.name(avro.getFullName());
        }
        if (optional) {
            builder.optional();
        }
        return builder.build();
    }

    private static SchemaBuilder intBuilder(org.apache.avro.Schema avro) {
        if (isLogical(avro, "date")) {
            return Date.builder();
        }
        if (isLogical(avro, "time-millis")) {
            return Time.builder();
        }
        return SchemaBuilder.int32();
    }

    private static SchemaBuilder bytesBuilder(org.apache.avro.Schema avro, String pointer) {
        SchemaBuilder builder;
        if ("decimal".equals(avro.getProp(LogicalType.LOGICAL_TYPE_PROP))) {
            LogicalTypes.Decimal decimal = validDecimal(avro, pointer);
            builder = Decimal.builder(decimal.getScale());
            if (decimal.getPrecision() != DECIMAL_PRECISION_DEFAULT) {
                builder.parameter(DECIMAL_PRECISION, String.valueOf(decimal.getPrecision()));
            }
        } else {
            builder = SchemaBuilder.bytes();
        }
        if (avro.getType() == org.apache.avro.Schema.Type.FIXED) {
            builder.parameter(FIXED_SIZE, String.valueOf(avro.getFixedSize()));
        }
        return builder;
    }

    /**
     * The Avro spec says an invalid logical type is ignored, but for decimals AvroData would still build a Decimal
     * (with scale 0), so the same bytes would mean different numbers to different readers: refuse it instead.
     */
    private static LogicalTypes.Decimal validDecimal(org.apache.avro.Schema avro, String pointer) {
        if (avro.getLogicalType() instanceof LogicalTypes.Decimal) {
            return (LogicalTypes.Decimal) avro.getLogicalType();
        }
        try {
            LogicalType parsed = LogicalTypes.fromSchema(avro);
            if (parsed instanceof LogicalTypes.Decimal) {
                return (LogicalTypes.Decimal) parsed;
            }
        } catch (RuntimeException e) {
            throw new SchemaDeclarationException(pointer, "invalid decimal: " + e.getMessage(), e);
        }
        throw new SchemaDeclarationException(pointer, "invalid decimal");
    }

    private static SchemaBuilder enumBuilder(org.apache.avro.Schema avro) {
        SchemaBuilder builder = SchemaBuilder.string();
        if (avro.getDoc() != null) {
            builder.parameter(ENUM_DOC_PREFIX + avro.getName(), avro.getDoc());
        }
        if (avro.getEnumDefault() != null) {
            builder.parameter(ENUM_DEFAULT_PREFIX + avro.getName(), avro.getEnumDefault());
        }
        builder.parameter(ENUM, avro.getFullName());
        for (String symbol : avro.getEnumSymbols()) {
            builder.parameter(ENUM + "." + symbol, symbol);
        }
        return builder;
    }

    private SchemaBuilder recordBuilder(org.apache.avro.Schema avro, JsonNode json, String pointer) {
        String name = avro.getFullName();
        recordsInProgress.add(name);
        SchemaBuilder builder = SchemaBuilder.struct();
        if (avro.getDoc() != null) {
            builder.parameter(RECORD_DOC, avro.getDoc());
        }
        JsonNode fieldsJson = child(json, "fields");
        List<org.apache.avro.Schema.Field> fields = avro.getFields();
        for (int i = 0; i < fields.size(); i++) {
            org.apache.avro.Schema.Field field = fields.get(i);
            if (field.doc() != null) {
                builder.parameter(FIELD_DOC_PREFIX + field.name(), field.doc());
            }
            JsonNode fieldJson = child(fieldsJson, i);
            Object fieldDefault = field.hasDefaultValue() ? field.defaultVal() : null;
            builder.field(field.name(), convert(field.schema(), child(fieldJson, "type"),
                    pointer + "/fields/" + i + "/type", false, fieldDefault));
        }
        recordsInProgress.remove(name);
        return builder;
    }

    private SchemaBuilder unionBuilder(org.apache.avro.Schema avro, JsonNode json, String pointer) {
        SchemaBuilder builder = SchemaBuilder.struct().name(UNION);
        Set<String> names = new HashSet<>();
        List<org.apache.avro.Schema> branches = avro.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            org.apache.avro.Schema branch = branches.get(i);
            if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
                builder.optional();
                continue;
            }
            String fieldName = AvroUnions.branchFieldName(branch);
            if (!names.add(fieldName)) {
                throw new SchemaDeclarationException(pointer + "/" + i,
                        "two union branches map to the same Connect field " + fieldName);
            }
            builder.field(fieldName, convert(branch, child(json, i), pointer + "/" + i, true, null));
        }
        return builder;
    }

    /** Where a named type was defined, for a reference to it; the given place otherwise. */
    private Located locate(org.apache.avro.Schema avro, JsonNode json, String pointer) {
        JsonNode node = json;
        String at = pointer;
        // {"type": {"type": "record", ...}} wraps the declaration one level down
        while (node != null && node.isObject() && node.has("type") && node.get("type").isContainerNode()) {
            node = node.get("type");
            at = at + "/type";
        }
        if (!isNamed(avro)) {
            return new Located(node, at);
        }
        Located defined = definitions.get(avro.getFullName());
        if (defined != null && (node == null || node.isTextual())) {
            return defined;
        }
        Located here = new Located(node, at);
        definitions.putIfAbsent(avro.getFullName(), here);
        return here;
    }

    private static boolean isNamed(org.apache.avro.Schema avro) {
        switch (avro.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return true;
            default:
                return false;
        }
    }

    private static boolean isLogical(org.apache.avro.Schema avro, String name) {
        return avro.getLogicalType() != null && name.equals(avro.getLogicalType().getName());
    }

    private static JsonNode child(JsonNode json, String key) {
        return json != null && json.isObject() ? json.get(key) : null;
    }

    private static JsonNode child(JsonNode json, int index) {
        return json != null && json.isArray() ? json.get(index) : null;
    }

    private static final class Located {
        final JsonNode json;
        final String pointer;

        Located(JsonNode json, String pointer) {
            this.json = json;
            this.pointer = pointer;
        }
    }
}
