package io.github.schemafirst.connect.quickstart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One example connector config of {@code config/}: the JSON body for {@code PUT /connectors/{name}/config} as a user
 * would post it to their own worker, and its name (the {@code name} of the {@code .properties} twin, else the file
 * name).
 */
record ConnectorExample(String name, Path file, Map<String, String> config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ConnectorExample load(Path json) {
        try {
            Map<String, String> config = JSON.readValue(json.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
            return new ConnectorExample(nameOf(json), json, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example connector config " + json, e);
        }
    }

    String connectorClass() {
        return config.getOrDefault("connector.class", "");
    }

    String topic() {
        return config.getOrDefault("topic", "");
    }

    String valueConverter() {
        return config.getOrDefault("value.converter", "");
    }

    private static String nameOf(Path json) throws IOException {
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        Path properties = json.resolveSibling(base + ".properties");
        if (Files.isRegularFile(properties)) {
            Properties twin = new Properties();
            try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                twin.load(reader);
            }
            String name = twin.getProperty("name", "").trim();
            if (!name.isEmpty()) {
                return name;
            }
        }
        return base;
    }
}
