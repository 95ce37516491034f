package io.github.schemafirst.connect.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The class path of a Connect worker process, taken from the test JVM's class path: Kafka, Connect and what they
 * depend on, as a Kafka distribution's {@code libs/} would hold, and nothing of this project.
 *
 * <p>Left out: class directories ({@code target/classes}, {@code target/test-classes}), Kafka's test jars, the
 * test frameworks, the Apicurio converter (it goes on {@code plugin.path}, see {@link PluginDirectories}) and the
 * jars the caller names: the plugin's own {@code lib/} (except jars Kafka itself needs), so that the connector can
 * only load from its plugin directory.
 */
final class KafkaRuntimeClasspath {

    /** Libraries the plugin bundles that a Kafka distribution ships too, because Kafka itself needs them. */
    private static final List<String> KAFKA_OWN_PREFIXES = List.of(
            "jackson-core-", "jackson-databind-", "jackson-annotations-");

    /** Test-only libraries, by their place in a Maven repository. */
    private static final List<String> TEST_ONLY_PATHS = List.of(
            "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "/org/assertj/", "/net/bytebuddy/",
            "/org/openjdk/jmh/", "/org/apache/commons/commons-math3/", "/io/apicurio/", "/org/json/json/");

    private KafkaRuntimeClasspath() {
    }

    /**
     * The runtime jars, without the jars named in {@code pluginJarNames} (file names, e.g. {@code avro-1.12.0.jar})
     * unless Kafka needs them itself.
     */
    static List<Path> without(Collection<String> pluginJarNames) {
        Set<String> excluded = Set.copyOf(pluginJarNames);
        List<Path> jars = new ArrayList<>();
        for (Path entry : testClasspath()) {
            String name = entry.getFileName().toString();
            String path = entry.toString().replace(File.separatorChar, '/');
            boolean kafkaNeedsIt = KAFKA_OWN_PREFIXES.stream().anyMatch(name::startsWith);
            if (!Files.isRegularFile(entry)
                    || name.endsWith("-test.jar")
                    || TEST_ONLY_PATHS.stream().anyMatch(path::contains)
                    || (excluded.contains(name) && !kafkaNeedsIt)) {
                continue;
            }
            jars.add(entry);
        }
        return jars;
    }

    /** Entries of the test JVM's class path (surefire and failsafe set {@code java.class.path} to the real one). */
    static List<Path> testClasspath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Paths.get(entry).toAbsolutePath());
            }
        }
        return entries;
    }
}
