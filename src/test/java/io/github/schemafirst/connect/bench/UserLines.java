package io.github.schemafirst.connect.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * JSON lines of {@code User} records shaped like {@code shared/data/users.jsonl}: names, numbers and colours vary
 * from line to line (so neither the parser nor the JIT sees one constant input), and a fixed seed makes every run
 * map the same bytes.
 */
final class UserLines {
    private static final String[] GIVEN = {"Gildong", "Minji", "Seo-yeon", "Aarav", "Chidi", "Lucía", "Jörg",
        "Mei", "Olamide", "Sven", "Ayşe", "Thabo", "Ingrid", "Kenji", "Fatima", "Mateo"};
    private static final String[] FAMILY = {"Hong", "Sharma", "Adeyemi", "Müller", "Tanaka", "Okafor", "García",
        "Nguyen", "Kowalski", "Haddad", "Silva", "Andersson", "Cohen", "Novak", "Ivanova", "O'Brien"};
    private static final String[] COLORS = {"blue", "red", "green", "yellow", "purple", "orange", "black", "white"};

    private UserLines() {
    }

    /** {@code count} distinct lines, UTF-8, without line terminator (as a file reader hands them out). */
    static byte[][] generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] lines = new byte[count][];
        for (int i = 0; i < count; i++) {
            String name = GIVEN[random.nextInt(GIVEN.length)] + "-" + FAMILY[random.nextInt(FAMILY.length)];
            // Mostly small numbers like the sample data, some up to the int64 range.
            long number = random.nextInt(8) == 0 ? 1 + random.nextLong(Long.MAX_VALUE - 1) : 1 + random.nextInt(1000);
            String color = COLORS[random.nextInt(COLORS.length)];
            String line = "{\"name\": \"" + name + "\", \"favorite_number\": " + number
                    + ", \"favorite_color\": \"" + color + "\"}";
            lines[i] = line.getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }
}
