package io.github.schemafirst.connect.quickstart;

import io.github.schemafirst.connect.it.RegisteredSchema;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the quickstart once, in this JVM, the way {@code ./quickstart --follow} does after its build: the whole
 * summary, then a file dropped into the watched directory must show up decoded on both file topics, then Ctrl-C
 * (here {@link Quickstart#stop()}) must end it with exit code 0.
 */
class QuickstartIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String DROPPED_NAME = "Quinn-Quickstart";

    @TempDir
    Path work;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void deploysTheExamplesPrintsSubjectsAndDecodedRecordsAndFollowsNewFiles() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        Path workDir = work.resolve("quickstart");
        Quickstart quickstart = new Quickstart(QuickstartOptions.parse(PROJECT,
                List.of("--follow", "--work-dir", workDir.toString())), out);

        CompletableFuture<QuickstartResult> running = CompletableFuture.supplyAsync(quickstart::run);
        awaitOutput(console, running, text -> text.contains("following new records"));
        assertThat(running).as("the run ended before following: " + text(console)).isNotDone();

        Path watched = workDir.resolve("data/users");
        // Written under a hidden name and renamed, as a writer should: the connector never sees half a file.
        Path hidden = Files.writeString(watched.resolve(".dropped.jsonl"),
                "{\"name\": \"" + DROPPED_NAME + "\", \"favorite_number\": 7, \"favorite_color\": \"green\"}\n");
        Files.move(hidden, watched.resolve("dropped.jsonl"));
        awaitOutput(console, running, text -> occurrences(text, DROPPED_NAME) >= 2);

        quickstart.stop();
        QuickstartResult result = running.get(60, TimeUnit.SECONDS);
        String printed = text(console);

        assertThat(result.exitCode()).as(printed).isZero();
        assertThat(result.failure()).isNull();
        assertThat(result.watchedDir()).isEqualTo(watched);
        assertThat(printed).contains("quickstart OK:", "users-avro-value", "users-json-value", watched.toString());

        assertThat(result.connectors()).contains("users-file-avro", "users-file-json-schema");
        RegisteredSchema avro = result.subjects().get("users-avro-value");
        assertThat(avro).isNotNull();
        assertThat(avro.schemaType()).isEqualTo("AVRO");
        assertThat(new Schema.Parser().parse(avro.schema()))
                .as("what the converter registered is the declared user.avsc")
                .isEqualTo(new Schema.Parser().parse(PROJECT.resolve("config/schemas/user.avsc").toFile()));
        RegisteredSchema json = result.subjects().get("users-json-value");
        assertThat(json).isNotNull();
        assertThat(json.schemaType()).isEqualTo("JSON");
        assertThat(json.schema()).contains("exclusiveMinimum", "required");

        int sampleUsers = (int) Files.readAllLines(PROJECT.resolve("config/data/users.jsonl")).stream()
                .filter(line -> !line.isBlank()).count();
        assertThat(result.recordCounts()).containsEntry("users-avro", sampleUsers).containsEntry("users-json", sampleUsers);
        assertThat(result.shown().get("users-avro")).hasSize(3).allSatisfy(record -> {
            assertThat(record.format()).startsWith("Avro, schema id " + avro.id());
            assertThat(record.value()).contains("\"name\"", "\"favorite_number\"", "\"favorite_color\"");
        });
        assertThat(result.shown().get("users-json")).hasSize(3)
                .allSatisfy(record -> assertThat(record.format()).isEqualTo("JSON Schema, schema id " + json.id() + ", valid"));
        assertThat(result.shown().get("users-avro").get(0).key())
                .as("key.field=name").isEqualTo("Gildong-Hong");

        if (httpConnectorBuilt()) {
            String httpTopic = result.recordCounts().keySet().stream().filter(t -> t.contains("http")).findFirst()
                    .orElseThrow(() -> new AssertionError("no HTTP topic in " + result.recordCounts()));
            assertThat(result.subjects()).containsKey(httpTopic + "-value");
            assertThat(result.recordCounts().get(httpTopic)).isEqualTo(20);
            assertThat(result.shown().get(httpTopic)).hasSize(3);
        } else {
            assertThat(result.skipped()).singleElement().asString().startsWith(Quickstart.NO_HTTP_CONNECTOR);
        }

        assertThat(result.followed()).filteredOn(record -> record.value().contains(DROPPED_NAME))
                .extracting(RecordRenderer.Rendered::topic)
                .containsExactlyInAnyOrder("users-avro", "users-json");
        assertThat(result.elapsed()).isLessThan(Duration.ofMinutes(2));
    }

    private static boolean httpConnectorBuilt() {
        try {
            Class.forName(EmbeddedConfigTranslator.HTTP_CONNECTOR);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void awaitOutput(ByteArrayOutputStream console, CompletableFuture<QuickstartResult> running,
                                    Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        BooleanSupplier met = () -> condition.test(text(console));
        while (!met.getAsBoolean()) {
            if (running.isDone()) {
                throw new AssertionError("the quickstart ended early (" + running.join() + "):\n" + text(console));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + DEADLINE + ":\n" + text(console));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static String text(ByteArrayOutputStream console) {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
