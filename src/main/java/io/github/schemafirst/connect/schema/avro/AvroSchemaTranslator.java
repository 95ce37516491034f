package io.github.schemafirst.connect.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Parses an Avro {@code .avsc} document and translates it to the Connect schema Confluent's {@code AvroData} builds
 * with {@code enhanced.avro.schema.support=true}, plus the record and field docs and enum parameters that let the
 * converter register the declared schema unchanged (see {@code docs/avro.md}).
 */
public final class AvroSchemaTranslator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroSchemaTranslator() {
    }

    /** @throws SchemaDeclarationException naming the JSON Pointer of the problem */
    public static DeclaredSchema translate(String document) {
        Schema avro = parse(document);
        JsonNode tree = readTreeQuietly(document);
        org.apache.kafka.connect.data.Schema connect;
        try {
            connect = new AvroConnectSchemaBuilder().toConnect(avro, tree);
        } catch (DataException e) {
            throw new SchemaDeclarationException("/", "cannot build the Connect schema: " + e.getMessage(), e);
        }
        return DeclaredSchema.avro(document, avro, connect);
    }

    private static Schema parse(String document) {
        try {
            return new Schema.Parser().setValidateDefaults(true).parse(document);
        } catch (AvroRuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new SchemaDeclarationException(AvroErrorLocator.locate(readTreeQuietly(document), message),
                    "not a valid Avro schema: " + message, e);
        }
    }

    /** The document as a JSON tree, for locating problems; null when it is not JSON (Avro reports that itself). */
    private static JsonNode readTreeQuietly(String document) {
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            return null;
        }
    }
}
