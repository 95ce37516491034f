package io.github.schemafirst.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The big-directory benchmark's helpers: the input it writes and what its sampler counts. */
class BigDirectoryHelpersTest {

    private final UserGenerator users = new UserGenerator(BenchStack.userSchema());

    @TempDir
    Path dir;

    @Test
    void aFileOfAtLeastNBytesEndsWithTheLineThatReachesN() throws IOException {
        Path file = dir.resolve("big.jsonl");
        long bytes = 10_000;
        long count = users.writeJsonLinesOfAtLeast(file, 500, bytes);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize((int) count);
        assertThat(lines.get(0)).isEqualTo(users.json(500));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(users.json(500 + count - 1));
        long size = Files.size(file);
        long lastLine = lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8).length + 1;
        assertThat(size).isGreaterThanOrEqualTo(bytes);
        assertThat(size - lastLine).as("one line fewer would not do").isLessThan(bytes);
    }

    @Test
    void smallFileContentIsTheSameAsWrittenLines() throws IOException {
        Path file = dir.resolve("small.jsonl");
        long size = users.writeJsonLines(file, 30, 10);

        byte[] content = users.jsonLines(30, 10);
        assertThat(content).isEqualTo(Files.readAllBytes(file));
        assertThat((long) content.length).isEqualTo(size);
        assertThat(new String(content, StandardCharsets.UTF_8)).startsWith(users.json(30) + "\n")
                .endsWith(users.json(39) + "\n");
    }

    @Test
    void recognisesAUserDecodedFromAvroFieldByField() {
        GenericData.Record user = new GenericData.Record(BenchStack.userSchema());
        user.put("name", new Utf8(users.name(42))); // as Avro's reader hands strings out
        user.put("favorite_number", users.favoriteNumber(42));
        user.put("favorite_color", new Utf8(users.favoriteColor(42)));

        assertThat(users.isUser(user, 42)).isTrue();
        assertThat(users.isUser(user, 43)).isFalse();
        user.put("favorite_number", users.favoriteNumber(42) + 1);
        assertThat(users.isUser(user, 42)).as("same name and colour, other number").isFalse();
    }

    @Test
    void countsTheDescriptorsOpenBelowADirectory() throws IOException {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")), "no /proc/self/fd on this system");
        Path inside = Files.createDirectories(dir.resolve("inside"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                channels.add(open(inside.resolve("f" + i)));
            }
            channels.add(open(outside.resolve("g")));

            ProcessSampler.OpenFiles open = ProcessSampler.openFiles(inside);
            assertThat(open.below()).isEqualTo(3);
            assertThat(open.total()).isGreaterThanOrEqualTo(4);
        } finally {
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
        assertThat(ProcessSampler.openFiles(inside).below()).isZero();
    }

    @Test
    void samplerKeepsPeaks() throws IOException {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")), "no /proc/self/fd on this system");
        AtomicLong gauge = new AtomicLong(5);
        ProcessSampler.Peaks peaks;
        try (FileChannel channel = open(dir.resolve("f"));
             ProcessSampler sampler = new ProcessSampler(dir, 60_000, Map.of("g", gauge::get))) {
            // the sampler takes its first sample when it starts: the open file and the gauge at 5
            channel.close();
            gauge.set(3);
            peaks = sampler.peaks();
        }
        assertThat(peaks.fdsBelow()).isEqualTo(1);
        assertThat(peaks.gauges()).containsEntry("g", 5.0);
        assertThat(peaks.heapUsed()).isPositive();
        assertThat(ProcessSampler.openFiles(dir).below()).isZero();
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
}
