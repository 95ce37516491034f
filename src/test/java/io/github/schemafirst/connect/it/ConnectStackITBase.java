package io.github.schemafirst.connect.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base class for integration tests on the embedded stack: one Connect cluster (broker + worker) per test class and
 * the JVM-wide {@linkplain SchemaRegistryProcess#shared() shared registry}.
 *
 * <p>Override {@link #configureStack} to change worker or broker settings (e.g. {@code builder.exactlyOnce()}).
 * The registry outlives the class: give every test its own topics with {@link #uniqueTopic}, so subjects
 * never collide. Tests of one class share the cluster: use a distinct connector name per test too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectStackITBase {

    private static final AtomicInteger NAMES = new AtomicInteger();

    protected SchemaRegistryProcess registry;
    protected ConnectStack connect;

    /** Hook to adjust the stack before it starts; the default keeps the builder's defaults. */
    protected void configureStack(ConnectStack.Builder builder) {
    }

    @BeforeAll
    void startStack() {
        // The registry is a separate process: let it boot while the broker and worker start in this JVM.
        CompletableFuture<SchemaRegistryProcess> sharedRegistry =
                CompletableFuture.supplyAsync(SchemaRegistryProcess::shared);
        ConnectStack.Builder builder = ConnectStack.builder();
        configureStack(builder);
        connect = builder.build().start();
        registry = sharedRegistry.join();
        System.out.printf("[it-stack] %s: Connect stack started in %d ms; registry on port %d (started in %d ms,"
                        + " log %s)%n", getClass().getSimpleName(), connect.startupTime().toMillis(), registry.port(),
                registry.startupTime().toMillis(), registry.logFile());
    }

    @AfterAll
    void stopStack() {
        if (connect != null) {
            connect.close();
        }
    }

    /** A client of the registry's Confluent-compatible API. */
    protected RegistryClient registryClient() {
        return registry.client();
    }

    protected AvroWireDecoder avroDecoder() {
        return new AvroWireDecoder(registryClient());
    }

    protected JsonSchemaWireDecoder jsonSchemaDecoder() {
        return new JsonSchemaWireDecoder(registryClient());
    }

    /** {@code base} plus a suffix unique in this JVM and across runs against the same registry. */
    protected static String uniqueTopic(String base) {
        return base + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + NAMES.incrementAndGet();
    }
}
