package io.github.schemafirst.connect.bench;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's {@code User} records (the shared {@code user.avsc}: name, favorite_number, favorite_color),
 * generated from their index alone so every scenario sees the same users: as JSON lines for the file connectors,
 * as Confluent-framed Avro bytes for the raw producer, as JSON arrays for the HTTP pages.
 */
final class UserGenerator {

    private static final String[] GIVEN = {"Gildong", "Minji", "Seo-yeon", "Amara", "Kwame", "Lucia", "Mateo",
        "Ingrid", "Ravi", "Yuki", "Olusegun", "Fatima", "Noah", "Chloe", "Dmitri", "Aiyana"};
    private static final String[] FAMILY = {"Hong", "Sharma", "Adeyemi", "Okafor", "Rossi", "Garcia", "Nakamura",
        "Lindqvist", "Kowalski", "Nguyen", "Haddad", "Moreau", "Silva", "Kaur", "Petrov", "Cohen", "Mensah"};
    private static final String[] COLORS = {"blue", "red", "green", "yellow", "purple", "orange", "black", "white"};

    private final Schema schema;

    UserGenerator(Schema schema) {
        this.schema = schema;
    }

    /** User {@code i}: a deterministic mix, so names, numbers and colours vary like real data without a RNG. */
    String name(long i) {
        long h = mix(i);
        return GIVEN[(int) Long.remainderUnsigned(h, GIVEN.length)] + "-"
                + FAMILY[(int) Long.remainderUnsigned(h >>> 16, FAMILY.length)];
    }

    long favoriteNumber(long i) {
        return 1 + Long.remainderUnsigned(mix(i) >>> 24, 100_000);
    }

    String favoriteColor(long i) {
        return COLORS[(int) Long.remainderUnsigned(mix(i) >>> 48, COLORS.length)];
    }

    /** Whether {@code record} (decoded from Avro) is user {@code i}, field by field. */
    boolean isUser(GenericRecord record, long i) {
        return name(i).equals(String.valueOf(record.get("name")))
                && record.get("favorite_number") instanceof Number number && number.longValue() == favoriteNumber(i)
                && favoriteColor(i).equals(String.valueOf(record.get("favorite_color")));
    }

    /** User {@code i} as one JSON object, formatted as in the shared sample data. */
    String json(long i) {
        return "{\"name\": \"" + name(i) + "\", \"favorite_number\": " + favoriteNumber(i)
                + ", \"favorite_color\": \"" + favoriteColor(i) + "\"}";
    }

    /** Users {@code from..from+count-1} as JSON lines, each ended by {@code \n}, UTF-8: a small file's content. */
    byte[] jsonLines(long from, int count) {
        StringBuilder text = new StringBuilder(count * 80);
        for (long i = from; i < from + count; i++) {
            text.append(json(i)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes users {@code 0..count-1} as JSON lines; returns the file size in bytes. */
    long writeJsonLines(Path file, long count) {
        return writeJsonLines(file, 0, count);
    }

    /** Writes users {@code from..from+count-1} as JSON lines; returns the file size in bytes. */
    long writeJsonLines(Path file, long from, long count) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = from; i < from + count; i++) {
                writeLine(out, i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes users {@code from, from+1, ...} as JSON lines until the file holds at least {@code bytes} bytes (the
     * last line is whole); returns how many users were written.
     */
    long writeJsonLinesOfAtLeast(Path file, long from, long bytes) {
        long written = 0;
        long i = from;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                written += writeLine(out, i++);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return i - from;
    }

    private int writeLine(OutputStream out, long i) throws IOException {
        byte[] line = json(i).getBytes(StandardCharsets.UTF_8);
        out.write(line);
        out.write('\n');
        return line.length + 1;
    }

    /**
     * Users {@code 0..count-1} as Confluent wire-format Avro values (magic byte 0, 4-byte schema id, Avro binary):
     * the bytes the Avro converter writes for them.
     */
    byte[][] avroValues(int count, int schemaId) {
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        BinaryEncoder encoder = null;
        byte[][] values = new byte[count][];
        GenericRecord user = new GenericData.Record(schema);
        for (int i = 0; i < count; i++) {
            buffer.reset();
            buffer.write(0);
            buffer.write(schemaId >>> 24);
            buffer.write(schemaId >>> 16);
            buffer.write(schemaId >>> 8);
            buffer.write(schemaId);
            user.put("name", name(i));
            user.put("favorite_number", favoriteNumber(i));
            user.put("favorite_color", favoriteColor(i));
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            try {
                writer.write(user, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            values[i] = buffer.toByteArray();
        }
        return values;
    }

    /** Users {@code from..from+count-1} as the elements of a JSON array, without the brackets. */
    String jsonArrayElements(long from, int count) {
        StringBuilder text = new StringBuilder(count * 80);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(json(from + i));
        }
        return text.toString();
    }

    private static long mix(long i) {
        // SplitMix64's finaliser: cheap, and consecutive indexes give unrelated bits
        long z = i + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
