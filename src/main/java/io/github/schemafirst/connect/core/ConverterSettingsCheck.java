package io.github.schemafirst.connect.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.Config;

/**
 * Catches the converter settings that silently do something else than the user meant, before the connector runs:
 * <ul>
 *   <li>{@code use.latest.version=true} while {@code auto.register.schemas} is true (its default): Confluent's Java
 *   serializers then register the schema derived from the record and ignore {@code use.latest.version}; Python's
 *   serializers refuse the pair outright;</li>
 *   <li>{@code value.converter.*} (or {@code key.converter.*}) settings without {@code value.converter} on the
 *   connector: the worker's converter is used and never sees them;</li>
 *   <li>a schema registry URL that is not an http(s) URL.</li>
 * </ul>
 * Each finding is reported on the key concerned, with what to change. {@link #addTo} also runs the schema registry
 * checks ({@link RegistryPreflight}), so both connectors get every converter and registry finding from one call.
 */
public final class ConverterSettingsCheck {
    private static final String[] CONVERTER_PREFIXES = {"value.converter", "key.converter", "header.converter"};

    private ConverterSettingsCheck() {
    }

    /** @return key → messages for every problem found (empty when the settings are sound) */
    public static Map<String, List<String>> check(Map<String, String> connectorConfig) {
        ConfigProblems problems = new ConfigProblems();
        for (String converter : CONVERTER_PREFIXES) {
            checkConverter(converter, connectorConfig, problems);
        }
        return problems.asMap();
    }

    /**
     * Adds the findings of {@link #check}, then those of the schema registry checks ({@link RegistryPreflight}), to a
     * {@code validate()} result, creating entries for keys the connector does not define.
     */
    public static Config addTo(Config result, Map<String, String> connectorConfig) {
        ConfigProblems problems = new ConfigProblems();
        for (String converter : CONVERTER_PREFIXES) {
            checkConverter(converter, connectorConfig, problems);
        }
        RegistryPreflight.check(result, connectorConfig, problems);
        return problems.addTo(result, connectorConfig);
    }

    private static void checkConverter(String converter, Map<String, String> config,
                                       ConfigProblems problems) {
        String prefix = converter + ".";
        String firstSetting = null;
        for (String key : config.keySet()) {
            if (key.startsWith(prefix) && (firstSetting == null || key.compareTo(firstSetting) < 0)) {
                firstSetting = key;
            }
        }
        if (firstSetting == null) {
            return;
        }
        String converterClass = config.get(converter);
        if (converterClass == null || converterClass.trim().isEmpty()) {
            problems.add(firstSetting, converter + ".* settings only apply when " + converter + " is set on this "
                    + "connector too; without it the worker's own " + converter + " is used and ignores them. Add "
                    + converter + "=<converter class> (e.g. io.confluent.connect.avro.AvroConverter) to this config.");
        }

        String useLatestKey = prefix + "use.latest.version";
        String autoRegisterKey = prefix + "auto.register.schemas";
        if (isTrue(config.get(useLatestKey)) && !isFalse(config.get(autoRegisterKey))) {
            problems.add(useLatestKey, useLatestKey + "=true has no effect while " + autoRegisterKey + " is "
                    + (config.containsKey(autoRegisterKey) ? "true" : "unset (it defaults to true)") + ": "
                    + "Confluent's serializers then register the schema derived from each record and ignore "
                    + "use.latest.version (Python's serializers refuse the pair). Set " + autoRegisterKey
                    + "=false to serialize with the latest registered version.");
        }

        String urlKey = prefix + "schema.registry.url";
        String urls = config.get(urlKey);
        if (urls != null) {
            for (String url : urls.split(",")) {
                String reason = invalidUrlReason(url.trim());
                if (reason != null) {
                    problems.add(urlKey, "'" + url.trim() + "' is not a schema registry URL: " + reason
                            + ". Use e.g. http://schema-registry:8081 (several separated by commas).");
                }
            }
        }
    }

    /** Why {@code url} is not an http(s) URL with a host (never quoting it), or null when it is one. */
    static String invalidUrlReason(String url) {
        if (url.isEmpty()) {
            return "it is empty";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "it must start with http:// or https://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "it has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }

    private static boolean isTrue(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    private static boolean isFalse(String value) {
        return value != null && value.trim().equalsIgnoreCase("false");
    }
}
