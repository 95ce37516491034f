package io.github.schemafirst.connect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.RegisteredSchema;
import io.github.schemafirst.connect.it.RegistryClient;
import io.github.schemafirst.connect.it.SchemaRegistryProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The README's first command ({@code ./quickstart} at the repository root runs this after building): starts a Kafka
 * broker, a Connect worker and a schema registry on this machine, deploys the example connectors of {@code config/}
 * through the Connect REST API (translated for this stack by {@link EmbeddedConfigTranslator}), then prints the
 * registered subjects with their schemas and a few decoded records per topic. With {@code --follow} it keeps
 * printing new records until stopped.
 *
 * <p>Lives in test scope because the broker and worker come from Kafka's test kit.
 */
public final class Quickstart {

    static final String AVRO_EXAMPLE = "file-avro.json";
    static final String JSON_SCHEMA_EXAMPLE = "file-json-schema.json";
    static final String HTTP_TOPIC_FALLBACK = "users-http";
    static final String WORK_DIR_MARKER = ".schemafirst-quickstart";
    static final String NO_HTTP_CONNECTOR = "HTTP connector not available";

    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECORDS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final QuickstartOptions options;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    Quickstart(QuickstartOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(Path.of(""), Arrays.asList(args));
        } catch (QuickstartOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("quickstart: " + e.getMessage());
            }
            System.err.print(QuickstartOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        Quickstart quickstart = new Quickstart(options, System.out);
        quietStdout();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: leave the follow loop and stop worker, broker and registry cleanly before the JVM goes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            quickstart.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quickstart-stop"));
        QuickstartResult result = quickstart.run();
        finished.countDown();
        System.exit(result.exitCode());
    }

    /**
     * Kafka's storage formatter prints to {@code System.out} while the broker starts; the quickstart's own lines go
     * to the stream it was given. Send the rest to the file named by {@code quickstart.console.log}, if any.
     */
    private static void quietStdout() {
        String file = System.getProperty("quickstart.console.log");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            System.setOut(new PrintStream(new FileOutputStream(file), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("quickstart: cannot write " + file + " (" + e + "): Kafka's console output stays here");
        }
    }

    /** Ends {@code --follow} mode (or the run, at its next wait); {@link #run()} then cleans up and returns. */
    void stop() {
        stopRequested.countDown();
    }

    /** Runs the quickstart; with {@code --follow}, until {@link #stop()}. Never throws: failures give exit code 1. */
    QuickstartResult run() {
        Progress progress = new Progress(out);
        Run run = new Run(progress);
        try {
            run.execute();
            return run.result(0, null);
        } catch (QuickstartFailure | RuntimeException | AssertionError e) {
            String reason = e instanceof QuickstartFailure || e instanceof ConnectorFailedException
                    ? e.getMessage() : e.toString();
            out.println();
            out.println("quickstart FAILED: " + reason);
            out.flush();
            return run.result(1, reason);
        } finally {
            progress.say("stopping…");
            closeAll();
            progress.say("stopped");
            progress.close();
        }
    }

    private void closeAll() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception | AssertionError e) {
                out.println("  (while stopping: " + e + ")");
            }
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.push(resource);
        return resource;
    }

    /** One connector to deploy, translated for the embedded stack. */
    private record Deployment(String name, String topic, Map<String, String> config, int expectedRecords,
                              boolean registerDeclaredJsonSchema) {
    }

    /** The state of one run. */
    private final class Run {

        private final Progress progress;
        private final List<String> connectors = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final Map<String, RegisteredSchema> subjects = new TreeMap<>();
        private final Map<String, Integer> recordCounts = new TreeMap<>();
        private final Map<String, List<RecordRenderer.Rendered>> shown = new TreeMap<>();
        private final List<RecordRenderer.Rendered> followed = new ArrayList<>();
        private final Path watchedDir = options.workDir().resolve("data").resolve("users");
        private Duration elapsed = Duration.ZERO;

        private ConnectStack connect;
        private SchemaRegistryProcess registry;

        Run(Progress progress) {
            this.progress = progress;
        }

        QuickstartResult result(int exitCode, String failure) {
            if (elapsed.isZero()) {
                elapsed = progress.elapsed();
            }
            return new QuickstartResult(exitCode, failure, List.copyOf(connectors), List.copyOf(skipped),
                    Map.copyOf(subjects), Map.copyOf(recordCounts), Map.copyOf(shown), List.copyOf(followed),
                    watchedDir, elapsed);
        }

        void execute() throws QuickstartFailure {
            prepareWorkDir();
            startStack();
            UserPagesServer pages = closeLater(UserPagesServer.start(options.projectDir().resolve("docker/http")));
            progress.say("HTTP endpoint serving " + pages.pageCount() + " pages of " + pages.recordCount()
                    + " User records at " + pages.firstPageUrl());

            List<Deployment> deployments = plan(pages);
            for (Deployment deployment : deployments) {
                connect.createTopic(deployment.topic());
                if (deployment.registerDeclaredJsonSchema()) {
                    registerDeclaredJsonSchema(deployment);
                }
            }
            for (Deployment deployment : deployments) {
                deploy(deployment);
            }
            for (Deployment deployment : deployments) {
                progress.step("starting connector " + deployment.name(), () -> awaitRunning(deployment.name()),
                        (ignored, took) -> "connector " + deployment.name() + " RUNNING (" + Progress.format(took) + ")");
                connectors.add(deployment.name());
            }

            RecordRenderer renderer = new RecordRenderer(registry.client());
            TopicWatcher watcher = closeLater(new TopicWatcher(connect.bootstrapServers(),
                    deployments.stream().map(Deployment::topic).toList()));
            Map<String, List<ConsumerRecord<byte[], byte[]>>> received = awaitRecords(watcher, deployments);
            received.forEach((topic, records) -> {
                recordCounts.put(topic, records.size());
                shown.put(topic, records.stream().limit(options.recordsToShow()).map(renderer::render).toList());
            });
            readSubjects();
            printSummary(deployments);
            if (options.follow()) {
                follow(watcher, renderer);
            }
        }

        private void prepareWorkDir() throws QuickstartFailure {
            Path work = options.workDir();
            try {
                if (isForeignDirectory(work)) {
                    throw new QuickstartFailure("refusing to empty " + work + ": it is not empty and was not made by"
                            + " the quickstart (no " + WORK_DIR_MARKER + " in it); pick another --work-dir");
                }
                deleteRecursively(work);
                Files.createDirectories(work);
                Files.writeString(work.resolve(WORK_DIR_MARKER), "made by ./quickstart; emptied on every run\n");
                copyFiles(options.projectDir().resolve("config/data"), watchedDir);
                copyFiles(options.projectDir().resolve("config/schemas"), work.resolve("schemas"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the working directory " + work, e);
            }
            progress.say("working directory " + work + " (sample data in data/users, schemas in schemas)");
        }

        private void startStack() throws QuickstartFailure {
            // The registry is a separate process: it boots while broker and worker start in this JVM.
            CompletableFuture<SchemaRegistryProcess> registryStart =
                    CompletableFuture.supplyAsync(SchemaRegistryProcess::start);
            connect = progress.step("starting Kafka broker and Connect worker (and the schema registry alongside)",
                    () -> closeLater(ConnectStack.builder().build()).start(),
                    (stack, took) -> "Kafka broker and Connect worker ready in " + Progress.format(took)
                            + " (bootstrap " + stack.bootstrapServers() + ", Connect REST "
                            + stack.cluster().endpointForResource("") + ")");
            try {
                registry = closeLater(registryStart.join());
            } catch (CompletionException e) {
                throw new QuickstartFailure("the schema registry did not start: " + e.getCause().getMessage());
            }
            progress.say("schema registry (Apicurio Registry 2.6.13.Final) ready in " + Progress.format(registry.startupTime())
                    + ", Confluent-compatible API at " + registry.ccompatUrl());
        }

        private List<Deployment> plan(UserPagesServer pages) throws QuickstartFailure {
            Path configDir = options.projectDir().resolve("config");
            Set<String> installed = installedConnectors();
            EmbeddedConfigTranslator translator =
                    new EmbeddedConfigTranslator(options.workDir(), registry, pages.firstPageUrl());
            List<ConnectorExample> examples = new ArrayList<>();
            examples.add(ConnectorExample.load(configDir.resolve(AVRO_EXAMPLE)));
            examples.add(ConnectorExample.load(configDir.resolve(JSON_SCHEMA_EXAMPLE)));
            examples.add(httpExample(configDir));

            List<Deployment> deployments = new ArrayList<>();
            for (ConnectorExample example : examples) {
                String connectorClass = example.connectorClass();
                if (!installed.contains(connectorClass)) {
                    if (EmbeddedConfigTranslator.HTTP_CONNECTOR.equals(connectorClass)) {
                        String why = NO_HTTP_CONNECTOR + " (" + connectorClass + " is not built): skipping "
                                + example.name();
                        skipped.add(why);
                        progress.say(why);
                        continue;
                    }
                    throw new QuickstartFailure("connector class " + connectorClass + " of " + example.file()
                            + " is not installed on the worker (installed: " + installed + ")");
                }
                Map<String, String> config = translator.translate(example);
                boolean registerJsonSchema =
                        EmbeddedConfigTranslator.CONFLUENT_JSON_SCHEMA.equals(example.valueConverter());
                deployments.add(new Deployment(example.name(), example.topic(), config,
                        expectedRecords(config, pages), registerJsonSchema));
            }
            return deployments;
        }

        /**
         * The first example of {@code config/http-*.json} that can read the local pages (the docker demo's
         * {@code http-none-next-url.json}), or the same built here when there is none.
         */
        private ConnectorExample httpExample(Path configDir) {
            try (Stream<Path> files = Files.list(configDir)) {
                List<ConnectorExample> candidates = files
                        .filter(f -> f.getFileName().toString().matches("http-.*\\.json"))
                        .sorted()
                        .map(ConnectorExample::load)
                        .filter(Quickstart::runsOnTheLocalPages)
                        .toList();
                if (!candidates.isEmpty()) {
                    return candidates.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", EmbeddedConfigTranslator.HTTP_CONNECTOR);
            config.put("tasks.max", "1");
            config.put("topic", HTTP_TOPIC_FALLBACK);
            config.put("http.url", "http://http-api/users-page-1.json");
            config.put("http.records.pointer", "/data");
            config.put("http.pagination.type", "next-url");
            config.put("http.pagination.next.url.pointer", "/next");
            config.put("value.schema.file", EmbeddedConfigTranslator.EXAMPLE_ROOT + "schemas/user.avsc");
            config.put("key.field", "name");
            config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            config.put("value.converter", EmbeddedConfigTranslator.CONFLUENT_AVRO);
            config.put("value.converter.enhanced.avro.schema.support", "true");
            config.put("value.converter.connect.meta.data", "false");
            return new ConnectorExample(HTTP_TOPIC_FALLBACK, configDir.resolve("(built in)"), config);
        }

        private Set<String> installedConnectors() throws QuickstartFailure {
            URI uri = URI.create(connect.cluster().endpointForResource("connector-plugins"));
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new QuickstartFailure("GET " + uri + " answered HTTP " + response.statusCode());
                }
                Set<String> classes = new HashSet<>();
                JSON.readTree(response.body()).forEach(plugin -> classes.add(plugin.path("class").asText()));
                return classes;
            } catch (IOException e) {
                throw new QuickstartFailure("GET " + uri + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuickstartFailure("interrupted");
            }
        }

        /** How many records the sample data holds for this connector: the summary waits for all of them. */
        private int expectedRecords(Map<String, String> config, UserPagesServer pages) {
            if (EmbeddedConfigTranslator.HTTP_CONNECTOR.equals(config.get("connector.class"))) {
                return pages.recordCount();
            }
            String format = config.getOrDefault("file.format", "jsonl");
            if (!format.equals("jsonl") && !format.equals("lines")) {
                return options.recordsToShow();
            }
            PathMatcher pattern = FileSystems.getDefault().getPathMatcher("glob:" + config.getOrDefault("file.pattern", "*"));
            try (Stream<Path> files = Files.list(Path.of(config.get("file.path")))) {
                return files.filter(f -> pattern.matches(f.getFileName()))
                        .mapToInt(Quickstart::nonBlankLines)
                        .sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void registerDeclaredJsonSchema(Deployment deployment) throws QuickstartFailure {
            Path schemaFile = Path.of(deployment.config().get("value.schema.file"));
            String subject = deployment.topic() + "-value";
            try {
                int id = registry.client().register(subject, "JSON", Files.readString(schemaFile));
                progress.say("registered the declared " + schemaFile.getFileName() + " as subject " + subject
                        + " (id " + id + "), as its producers would; the converter uses that latest version");
            } catch (IOException | RuntimeException e) {
                throw new QuickstartFailure("cannot register " + schemaFile + " under " + subject + ": " + e.getMessage());
            }
        }

        private void deploy(Deployment deployment) throws QuickstartFailure {
            try {
                connect.configureConnector(deployment.name(), deployment.config());
            } catch (RuntimeException e) {
                throw new QuickstartFailure("PUT /connectors/" + deployment.name() + "/config was refused: "
                        + e.getMessage());
            }
            progress.say("deployed " + deployment.name() + " → topic " + deployment.topic()
                    + " (PUT /connectors/" + deployment.name() + "/config)");
        }

        private Void awaitRunning(String name) {
            long deadline = System.nanoTime() + CONNECTOR_START_TIMEOUT.toNanos();
            String last = "no status yet";
            while (System.nanoTime() < deadline && !stopped()) {
                try {
                    ConnectorStateInfo status = connect.status(name);
                    failIfFailed(name, status);
                    if ("RUNNING".equals(status.connector().state()) && !status.tasks().isEmpty()
                            && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
                        return null;
                    }
                    last = "connector " + status.connector().state() + ", " + status.tasks().size() + " task(s)";
                } catch (ConnectorFailedException e) {
                    throw e;
                } catch (RuntimeException notYet) {
                    last = notYet.getMessage();
                }
                pause(POLL);
            }
            throw new ConnectorFailedException("connector " + name + " did not reach RUNNING within "
                    + CONNECTOR_START_TIMEOUT.toSeconds() + " s (" + last + ")");
        }

        private void failIfFailed(String name, ConnectorStateInfo status) {
            if ("FAILED".equals(status.connector().state())) {
                throw new ConnectorFailedException("connector " + name + " FAILED: " + firstLine(status.connector().trace()));
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    throw new ConnectorFailedException("connector " + name + " task " + task.id() + " FAILED: "
                            + firstLine(task.trace()));
                }
            }
        }

        private Map<String, List<ConsumerRecord<byte[], byte[]>>> awaitRecords(TopicWatcher watcher,
                                                                              List<Deployment> deployments) {
            Map<String, List<ConsumerRecord<byte[], byte[]>>> received = new LinkedHashMap<>();
            deployments.forEach(d -> received.put(d.topic(), new ArrayList<>()));
            int expected = deployments.stream().mapToInt(Deployment::expectedRecords).sum();
            return progress.step("waiting for the " + expected + " sample records on "
                    + String.join(", ", received.keySet()), () -> {
                long deadline = System.nanoTime() + RECORDS_TIMEOUT.toNanos();
                long nextStatusCheck = 0;
                while (!allArrived(received, deployments)) {
                    if (System.nanoTime() > deadline || stopped()) {
                        throw new ConnectorFailedException("not all records arrived within "
                                + RECORDS_TIMEOUT.toSeconds() + " s: " + counts(received, deployments));
                    }
                    if (System.nanoTime() > nextStatusCheck) {
                        deployments.forEach(d -> failIfFailed(d.name(), connect.status(d.name())));
                        nextStatusCheck = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    }
                    watcher.poll(POLL).forEach(r -> received.get(r.topic()).add(r));
                }
                return received;
            }, (result, took) -> "records arrived in " + Progress.format(took) + ": " + counts(result, deployments));
        }

        private boolean allArrived(Map<String, List<ConsumerRecord<byte[], byte[]>>> received,
                                   List<Deployment> deployments) {
            return deployments.stream().allMatch(d -> received.get(d.topic()).size() >= d.expectedRecords());
        }

        private String counts(Map<String, List<ConsumerRecord<byte[], byte[]>>> received, List<Deployment> deployments) {
            List<String> parts = new ArrayList<>();
            deployments.forEach(d -> parts.add(d.topic() + " " + received.get(d.topic()).size() + "/" + d.expectedRecords()));
            return String.join(", ", parts);
        }

        private void readSubjects() {
            RegistryClient client = registry.client();
            for (String subject : client.subjects()) {
                client.latest(subject).ifPresent(schema -> subjects.put(subject, schema));
            }
        }

        private void printSummary(List<Deployment> deployments) {
            out.println();
            out.println("== Registered subjects (" + registry.ccompatUrl() + "/subjects)");
            subjects.forEach((subject, schema) -> {
                out.println(subject + "  (" + schema.schemaType() + ", version " + schema.version() + ", id "
                        + schema.id() + ")");
                out.println(indent(pretty(schema.schema())));
            });
            out.println();
            out.println("== Decoded records (first " + options.recordsToShow() + " per topic)");
            for (Deployment deployment : deployments) {
                String topic = deployment.topic();
                out.println(topic + ": " + recordCounts.get(topic) + " records from connector " + deployment.name());
                shown.get(topic).forEach(rendered -> out.println("  " + rendered.line()));
            }
            skipped.forEach(reason -> out.println("(" + reason + ")"));
            int total = recordCounts.values().stream().mapToInt(Integer::intValue).sum();
            elapsed = progress.elapsed();
            out.println();
            out.println("quickstart OK: " + connectors.size() + " connectors RUNNING, " + subjects.size()
                    + " subjects registered, " + total + " records decoded on " + recordCounts.size() + " topics, in "
                    + Progress.format(elapsed));
            out.flush();
        }

        private void follow(TopicWatcher watcher, RecordRenderer renderer) {
            out.println();
            progress.say("following new records (Ctrl-C to stop). Drop a .jsonl file of User records into");
            out.println("    " + watchedDir);
            out.println("  e.g.  cp " + options.projectDir().resolve("config/data/users.jsonl") + " "
                    + watchedDir.resolve("more-users.jsonl"));
            out.flush();
            while (!stopped()) {
                for (ConsumerRecord<byte[], byte[]> record : watcher.poll(Duration.ofMillis(500))) {
                    RecordRenderer.Rendered rendered = renderer.render(record);
                    synchronized (followed) {
                        followed.add(rendered);
                    }
                    out.println("  " + rendered.line());
                    out.flush();
                }
            }
        }
    }

    /** Next-url pagination, no authentication, no config provider: what the local pages server can answer. */
    private static boolean runsOnTheLocalPages(ConnectorExample example) {
        Map<String, String> config = example.config();
        return "next-url".equals(config.get("http.pagination.type"))
                && "none".equals(config.getOrDefault("http.auth.type", "none"))
                && config.values().stream().noneMatch(value -> value.contains("${"));
    }

    private boolean stopped() {
        return stopRequested.getCount() == 0;
    }

    private void pause(Duration duration) {
        try {
            stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String firstLine(String trace) {
        if (trace == null || trace.isBlank()) {
            return "(no trace)";
        }
        return trace.strip().lines().findFirst().orElse(trace);
    }

    private static String pretty(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            return JSON.writeValueAsString(tree);
        } catch (IOException notJson) {
            return json;
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + System.lineSeparator() + b).orElse("");
    }

    private static int nonBlankLines(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** A non-empty directory without the marker: perhaps the user's own, never to be deleted. */
    private static boolean isForeignDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(WORK_DIR_MARKER))) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A failure to report in one line, without a stack trace. */
    static class QuickstartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        QuickstartFailure(String message) {
            super(message);
        }
    }

    /** A connector that failed or did not start, raised from inside a progress step. */
    private static final class ConnectorFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectorFailedException(String message) {
            super(message);
        }
    }
}
