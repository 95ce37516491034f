package io.github.schemafirst.connect.record.avro;

import io.github.schemafirst.connect.schema.avro.AvroDefaults;
import io.github.schemafirst.connect.schema.avro.AvroUnions;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Schema;

/**
 * Compiles the reader tree for a declared Avro schema, walking it beside the Connect schema the translator built
 * from it (so every Struct is created with exactly the schema the task reports).
 */
final class AvroReaderCompiler {
    private final boolean rejectUnknownFields;

    AvroReaderCompiler(boolean rejectUnknownFields) {
        this.rejectUnknownFields = rejectUnknownFields;
    }

    AvroValueReader compile(org.apache.avro.Schema avro, Schema connect) {
        switch (avro.getType()) {
            case RECORD:
                return record(avro, connect);
            case UNION:
                return union(avro, connect);
            case ARRAY:
                return new AvroContainerReaders.ArrayReader(compile(avro.getElementType(), connect.valueSchema()));
            case MAP:
                return new AvroContainerReaders.MapReader(compile(avro.getValueType(), connect.valueSchema()));
            case ENUM:
                return new AvroScalarReaders.EnumReader(avro.getFullName(), avro.getEnumSymbols());
            case BOOLEAN:
                return new AvroScalarReaders.BooleanReader();
            case INT:
                return logicalOr(avro, new AvroScalarReaders.IntReader());
            case LONG:
                return logicalOr(avro, new AvroScalarReaders.LongReader());
            case FLOAT:
                return new AvroScalarReaders.FloatReader();
            case DOUBLE:
                return new AvroScalarReaders.DoubleReader();
            case STRING:
                return logicalOr(avro, new AvroScalarReaders.StringReader());
            case BYTES:
                return logicalOr(avro, new AvroScalarReaders.BytesReader());
            case FIXED:
                return logicalOr(avro, new AvroScalarReaders.FixedReader(avro.getFullName(), avro.getFixedSize()));
            default:
                throw new IllegalArgumentException("no reader for Avro type " + avro.getType());
        }
    }

    /** The logical type's reader when the translator mapped it (same rules), else the underlying type's. */
    private static AvroValueReader logicalOr(org.apache.avro.Schema avro, AvroValueReader underlying) {
        LogicalType logical = avro.getLogicalType();
        if (logical == null) {
            return underlying;
        }
        if (logical instanceof LogicalTypes.Decimal) {
            LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
            return new AvroLogicalReaders.DecimalReader(decimal.getPrecision(), decimal.getScale(),
                    underlying.typeName());
        }
        switch (logical.getName()) {
            case "date":
                return AvroLogicalReaders.date();
            case "time-millis":
                return AvroLogicalReaders.timeMillis();
            case "time-micros":
                return AvroLogicalReaders.timeMicros();
            case "timestamp-millis":
                return AvroLogicalReaders.timestampMillis();
            case "timestamp-micros":
                return AvroLogicalReaders.timestampMicros();
            case "timestamp-nanos":
                return AvroLogicalReaders.timestampNanos();
            case "local-timestamp-millis":
                return AvroLogicalReaders.localTimestampMillis();
            case "local-timestamp-micros":
                return AvroLogicalReaders.localTimestampMicros();
            case "local-timestamp-nanos":
                return AvroLogicalReaders.localTimestampNanos();
            case "uuid":
                return avro.getType() == org.apache.avro.Schema.Type.STRING
                        ? new AvroScalarReaders.UuidReader() : underlying;
            default:
                return underlying;
        }
    }

    private AvroValueReader record(org.apache.avro.Schema avro, Schema connect) {
        List<org.apache.avro.Schema.Field> fields = avro.getFields();
        AvroValueReader[] readers = new AvroValueReader[fields.size()];
        boolean[] hasDefault = new boolean[fields.size()];
        Object[] defaults = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            org.apache.avro.Schema.Field field = fields.get(i);
            Schema fieldSchema = connect.field(field.name()).schema();
            readers[i] = compile(field.schema(), fieldSchema);
            hasDefault[i] = field.hasDefaultValue();
            if (hasDefault[i]) {
                // built against the field's final schema, so Struct.put accepts record and union defaults too
                defaults[i] = AvroDefaults.toConnect(field.schema(), fieldSchema, field.defaultVal());
            }
        }
        return new AvroRecordReader(avro.getFullName(), connect, readers, hasDefault, defaults,
                rejectUnknownFields);
    }

    private AvroValueReader union(org.apache.avro.Schema avro, Schema connect) {
        List<org.apache.avro.Schema> branches = avro.getTypes();
        if (AvroUnions.isNullable(avro)) {
            return new AvroContainerReaders.NullableReader(
                    compile(branches.get(AvroUnions.nonNullBranch(avro)), connect));
        }
        boolean nullable = false;
        AvroValueReader[] readers = new AvroValueReader[connect.fields().size()];
        int next = 0;
        for (org.apache.avro.Schema branch : branches) {
            if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
                nullable = true;
            } else {
                readers[next] = compile(branch, connect.field(AvroUnions.branchFieldName(branch)).schema());
                next++;
            }
        }
        return new AvroContainerReaders.UnionReader(connect, nullable, readers);
    }
}
