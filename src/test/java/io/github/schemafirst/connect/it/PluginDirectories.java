package io.github.schemafirst.connect.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code plugin.path} of {@link WorkerProcess}es: {@code target/it-plugins}, holding the connector as users
 * install it (the Confluent Hub archive built by {@code ./mvnw package}, unpacked) and Apicurio's AvroConverter as
 * a plugin of its own. Built once per test JVM.
 */
final class PluginDirectories {

    static final String APICURIO_AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    /** What Apicurio's AvroConverter needs besides what the worker has (Jackson, Kafka), by repository path. */
    private static final List<String> APICURIO_CONVERTER_PATHS = List.of(
            "/io/apicurio/", "/org/json/json/", "/org/apache/avro/avro/", "/org/apache/commons/commons-compress/",
            "/org/apache/commons/commons-lang3/");

    private static HubComponent hubComponent;

    private PluginDirectories() {
    }

    /** The unpacked connector archive (unpacked on first use) and, beside it, the Apicurio converter plugin. */
    static synchronized HubComponent installed() {
        if (hubComponent == null) {
            Path root = Paths.get(System.getProperty("project.build.directory", "target"), "it-plugins")
                    .toAbsolutePath();
            deleteRecursively(root);
            Path component = unzip(hubArchive(), root);
            installApicurioConverter(root.resolve("apicurio-avro-converter"));
            hubComponent = new HubComponent(root, component);
        }
        return hubComponent;
    }

    /** The Confluent Hub archive {@code ./mvnw package} built for this project version. */
    static Path hubArchive() {
        Path packages = Paths.get(System.getProperty("project.build.directory", "target"), "components", "packages");
        String version = System.getProperty("project.version");
        if (version != null) {
            Path zip = packages.resolve("schemafirst-kafka-connect-schemafirst-" + version + ".zip");
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("No Confluent Hub archive at " + zip + ": run `./mvnw verify` (the"
                        + " package phase builds it before the integration tests)");
            }
            return zip;
        }
        try (Stream<Path> files = Files.list(packages)) {
            List<Path> zips = files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList();
            if (zips.size() != 1) {
                throw new IllegalStateException("expected one archive in " + packages + ", found " + zips);
            }
            return zips.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("No Confluent Hub archive in " + packages + ": run `./mvnw package`", e);
        }
    }

    /** Unpacks {@code zip} into {@code target}; returns the archive's single top-level directory. */
    static Path unzip(Path zip, Path target) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(target);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IllegalStateException("archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
            try (Stream<Path> top = Files.list(target)) {
                List<Path> dirs = top.filter(Files::isDirectory)
                        .filter(dir -> dir.getFileName().toString().startsWith("schemafirst-"))
                        .collect(Collectors.toList());
                if (dirs.size() != 1) {
                    throw new IllegalStateException(zip + " should hold one top-level directory, found " + dirs);
                }
                return dirs.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    /**
     * Apicurio's converter jars and their dependencies from the test class path, plus a jar holding the
     * ServiceLoader manifest Apicurio does not ship (a worker with {@code plugin.discovery=service_load} finds
     * only plugins that have one).
     */
    private static void installApicurioConverter(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Path jar : KafkaRuntimeClasspath.testClasspath()) {
                String path = jar.toString().replace('\\', '/');
                if (Files.isRegularFile(jar) && APICURIO_CONVERTER_PATHS.stream().anyMatch(path::contains)) {
                    Files.copy(jar, dir.resolve(jar.getFileName()));
                }
            }
            try (OutputStream file = Files.newOutputStream(dir.resolve("apicurio-converter-service-manifest.jar"));
                 JarOutputStream jar = new JarOutputStream(file)) {
                jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.storage.Converter"));
                jar.write((APICURIO_AVRO_CONVERTER + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the Apicurio converter plugin in " + dir, e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /**
     * The installed connector.
     *
     * @param pluginPath the directory to give a worker as {@code plugin.path}
     * @param directory  the unpacked archive's top-level directory (manifest.json, lib/, ...)
     */
    record HubComponent(Path pluginPath, Path directory) {

        /** File names of the jars in {@code lib/}. */
        List<String> libJarNames() {
            try (Stream<Path> jars = Files.list(directory.resolve("lib"))) {
                return jars.map(jar -> jar.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
