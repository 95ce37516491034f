package io.github.schemafirst.connect.schema.avro;

import org.apache.avro.Schema;

/** How Confluent's AvroData reads Avro unions: {@code [null, T]} as an optional T, others as a Union struct. */
public final class AvroUnions {
    private AvroUnions() {
    }

    /** Exactly two branches, one of them {@code null}: mapped to an optional Connect schema, not a struct. */
    public static boolean isNullable(Schema union) {
        return union.getType() == Schema.Type.UNION && union.getTypes().size() == 2
                && (union.getTypes().get(0).getType() == Schema.Type.NULL
                || union.getTypes().get(1).getType() == Schema.Type.NULL);
    }

    /** The index of the non-null branch of a {@link #isNullable nullable} union. */
    public static int nonNullBranch(Schema union) {
        return union.getTypes().get(0).getType() == Schema.Type.NULL ? 1 : 0;
    }

    /**
     * The Union struct's field for a branch: the full name for records, enums and fixed (enhanced schema support),
     * the Avro type name ({@code string}, {@code long}, {@code array}, ...) for the others.
     */
    public static String branchFieldName(Schema branch) {
        switch (branch.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return branch.getFullName();
            default:
                return branch.getType().getName();
        }
    }
}
