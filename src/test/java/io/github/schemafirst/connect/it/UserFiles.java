package io.github.schemafirst.connect.it;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes JSON Lines files of {@code User} records (the shared {@code user.avsc}) in which every record is unique:
 * record {@code n} (from 1) is {@code {"name":"user-n","favorite_number":n,"favorite_color":...}}, so a test can
 * tell from the name alone which records arrived and how often.
 */
public final class UserFiles {

    private static final String[] COLORS = {"blue", "red", "green", "yellow", "purple"};

    private UserFiles() {
    }

    /** The name of record {@code n}. */
    public static String name(long n) {
        return "user-" + n;
    }

    /** Writes {@code count} users to {@code file}. */
    static void write(Path file, long count) {
        write(file, 1, count);
    }

    /**
     * Writes users {@code first} to {@code first + count - 1} to {@code file}: files written with disjoint ranges
     * hold records no other file holds.
     */
    public static void write(Path file, long first, long count) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long n = first; n < first + count; n++) {
                out.write(line(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes users to {@code file} until it holds at least {@code bytes} bytes.
     *
     * @return how many users were written
     */
    static long writeAtLeast(Path file, long bytes) {
        long written = 0;
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                byte[] line = line(++n);
                out.write(line);
                written += line.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return n;
    }

    private static byte[] line(long n) {
        return ("{\"name\":\"user-" + n + "\",\"favorite_number\":" + n + ",\"favorite_color\":\""
                + COLORS[(int) (n % COLORS.length)] + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    }
}
