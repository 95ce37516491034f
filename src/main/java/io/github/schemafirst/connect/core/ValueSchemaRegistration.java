package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.registry.RegisteredSchema;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.registry.SchemaDocument;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.registry.SubjectNameStrategy;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, from a task, the schemas its converter will not register itself, before the task hands the worker its
 * first record: in {@code connector} mode the declared document as written under the subject the converter uses,
 * and, when invalid records go to a dead-letter topic and the converter does not auto-register, the dead-letter
 * value schema ({@code "string"}). A document already registered under its subject is not registered again.
 *
 * <p>The registry is called on a thread of its own, so that {@code poll()} keeps returning within about a second
 * while the registry is slow or restarting: a passing failure (unreachable, 5xx) is retried with backoff for as long
 * as the task runs, and logged on the first and every tenth attempt; a refusal (credentials, invalid or incompatible
 * schema) fails the task with the registry's message.
 */
public final class ValueSchemaRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ValueSchemaRegistration.class);
    /** How long {@link #ready()} waits before the task hands control back to the worker. */
    private static final Duration POLL_WAIT = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Avro's and JSON Schema's {@code string}: what a dead letter's value is when its bytes are UTF-8. */
    private static final SchemaDocument DEAD_LETTER_AVRO = SchemaDocument.avro("\"string\"");
    /** With {@code $schema}: registries that detect the type from the content (Apicurio) refuse a bare type. */
    static final String DEAD_LETTER_JSON_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"string\"}";
    private static final SchemaDocument DEAD_LETTER_JSON = SchemaDocument.json(DEAD_LETTER_JSON_SCHEMA);

    /** One document to have under one subject. */
    static final class Item {
        final String subject;
        final SchemaDocument document;
        final String what;

        Item(String subject, SchemaDocument document, String what) {
            this.subject = subject;
            this.document = document;
            this.what = what;
        }
    }

    private final SchemaRegistryClient client;
    private final List<Item> items;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    private ValueSchemaRegistration(SchemaRegistryClient client, List<Item> items, String threadName) {
        this.client = client;
        this.items = Collections.unmodifiableList(items);
        this.thread = items.isEmpty() ? null : new Thread(this::run, threadName);
        if (thread == null) {
            done.countDown(); // nothing to register: ready from the start
        } else {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Starts registering what this task's config needs registered.
     *
     * @param config   the task's config
     * @param declared the declared value schema, if any
     * @return the registration under way; one that is {@link #ready()} at once when there is nothing to register
     * @throws ConnectException when the registration cannot even begin (no registry, unusable settings)
     */
    public static ValueSchemaRegistration start(SchemafirstSourceConfig config, Optional<DeclaredSchema> declared,
                                                String taskName) {
        Optional<RegistrySettings> settings = RegistrySettings.from(config.originalsStrings());
        try {
            List<Item> items = plan(config, declared, settings.isPresent());
            if (items.isEmpty()) {
                return new ValueSchemaRegistration(null, items, null);
            }
            if (!settings.isPresent()) {
                throw new ConnectException("value.schema.registration=connector needs the schema registry's URL: set "
                        + SchemafirstSourceConfig.REGISTRY_URL_CONFIG + " (or value.converter.schema.registry.url)");
            }
            SchemaRegistryClient client = settings.get().client(RegistrySettings.TASK_TIMEOUT);
            return new ValueSchemaRegistration(client, items, "schemafirst-registration-" + taskName);
        } catch (RegistrySettings.InvalidSetting e) {
            throw new ConnectException("Cannot register schemas: " + e.key() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Cannot register schemas: " + e.getMessage(), e);
        }
    }

    /** What the config asks to have registered; the registry is only needed when the list is not empty. */
    static List<Item> plan(SchemafirstSourceConfig parsed, Optional<DeclaredSchema> declared,
                           boolean registryKnown) {
        ValueConverterSettings converter = new ValueConverterSettings(parsed.originalsStrings());
        SubjectNameStrategy strategy = SubjectNameStrategy.fromConfig(converter.subjectNameStrategy().orElse(null));
        boolean connectorMode = parsed.registrationMode() == SchemaRegistrationMode.CONNECTOR;
        List<Item> items = new ArrayList<>();
        if (connectorMode && declared.isPresent()) {
            SchemaDocument document = documentOf(declared.get());
            items.add(new Item(strategy.subjectFor(parsed.topic(), false, document), document,
                    "the declared value schema"));
        }
        Optional<String> deadLetterTopic = parsed.invalidRecordTopic();
        boolean converterWillNotRegister = connectorMode || (converter.onConnector() && !converter.autoRegister());
        // A record name strategy has no subject for a primitive schema (Confluent's serializer refuses one too)
        if (parsed.invalidRecordPolicy() == InvalidRecordPolicy.DEAD_LETTER && deadLetterTopic.isPresent()
                && converterWillNotRegister && (registryKnown || connectorMode) && !strategy.needsRecordName()) {
            boolean json = converter.isConfluentJsonSchema() || (!converter.isConfluentAvro() && declared
                    .map(d -> d.type() == SchemaType.JSON_SCHEMA).orElse(false));
            SchemaDocument document = json ? DEAD_LETTER_JSON : DEAD_LETTER_AVRO;
            items.add(new Item(strategy.subjectFor(deadLetterTopic.get(), false, document), document,
                    "the dead-letter value schema"));
        }
        return items;
    }

    static SchemaDocument documentOf(DeclaredSchema declared) {
        return declared.type() == SchemaType.AVRO ? SchemaDocument.avro(declared.document())
                : SchemaDocument.json(declared.document());
    }

    /**
     * Whether the task may hand records to the worker: true once everything is registered (at once afterwards);
     * otherwise waits at most half a second, so that {@code poll()} returns promptly while the registry is slow.
     *
     * @throws ConnectException when the registry refused a registration (the task cannot write records)
     */
    public boolean ready() throws InterruptedException {
        return awaitDone(POLL_WAIT);
    }

    /**
     * Waits at most {@code max} for the registrations to finish.
     *
     * @return true once everything is registered; false while the registry is still being asked
     * @throws ConnectException when the registry refused a registration (the task cannot write records)
     */
    boolean awaitDone(Duration max) throws InterruptedException {
        boolean finished = done.await(max.toMillis(), TimeUnit.MILLISECONDS);
        RuntimeException failed = failure;
        if (failed != null) {
            throw new ConnectException(failed.getMessage(), failed);
        }
        return finished;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        try {
            for (Item item : items) {
                if (!register(item)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }

    /** @return false when the task was closed before the item was registered */
    private boolean register(Item item) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; !closed; attempt++) {
            try {
                Optional<RegisteredSchema> existing = client.lookup(item.subject, item.document);
                if (existing.isPresent()) {
                    log.info("{} is registered under subject '{}' as id {} (version {})", capitalized(item.what),
                            item.subject, existing.get().id(), existing.get().version());
                } else {
                    int id = client.register(item.subject, item.document);
                    log.info("Registered {} under subject '{}' as id {}", item.what, item.subject, id);
                }
                return true;
            } catch (RegistryException e) {
                if (!e.isTransient()) {
                    failure = new ConnectException("Cannot register " + item.what + " under subject '"
                            + item.subject + "': " + e.getMessage(), e);
                    return false;
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("Registering {} under subject '{}' failed (attempt {}), retrying every {} s at most; "
                            + "no record is written until it succeeds: {}", item.what, item.subject, attempt,
                            MAX_BACKOFF.getSeconds(), e.getMessage());
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return false;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
