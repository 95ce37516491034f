package io.github.schemafirst.connect.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version, from the build (never typed by hand, so it cannot go out of date). */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/github/schemafirst/connect/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing version must never stop a connector
        }
        return props.getProperty("version", "unknown");
    }
}
