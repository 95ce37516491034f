package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The test fixtures under {@code src/test/resources} (sample users and schemas, copied unchanged from the shared
 * sample data), as paths the in-JVM worker can read and as expected values.
 */
final class TestResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestResources() {
    }

    /** The file system path of a test resource, e.g. {@code schemas/user.avsc}. */
    static Path path(String resource) {
        URL url = TestResources.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource + ": " + e, e);
        }
    }

    static String text(String resource) {
        try {
            return Files.readString(path(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String resource) {
        try {
            return Files.readAllLines(path(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a resource into {@code directory} under {@code name}, through a hidden temporary file renamed into
     * place, so a running connector never sees a half-written file.
     */
    static Path copy(String resource, Path directory, String name) {
        try {
            Path hidden = directory.resolve("." + name + ".tmp");
            Files.copy(path(resource), hidden, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code lines} (each terminated by LF) to {@code directory/name}, atomically as {@link #copy}. */
    static Path write(Path directory, String name, List<String> lines) {
        try {
            Path hidden = directory.resolve("." + name + ".tmp");
            Files.write(hidden, lines, StandardCharsets.UTF_8);
            return Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 20 users of {@code data/users.jsonl}, in file order. */
    static List<User> users() {
        List<User> users = new ArrayList<>();
        for (String line : lines("data/users.jsonl")) {
            try {
                JsonNode node = JSON.readTree(line);
                users.add(new User(node.get("name").asText(), node.get("favorite_number").asLong(),
                        node.get("favorite_color").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    /** One user of the shared sample data. */
    record User(String name, long favoriteNumber, String favoriteColor) {
    }
}
