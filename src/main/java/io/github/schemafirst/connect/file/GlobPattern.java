package io.github.schemafirst.connect.file;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates {@code file.pattern} as a glob, so a typo shows up in {@code config/validate} and not at runtime. */
final class GlobPattern implements ConfigDef.Validator {

    static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    @Override
    public void ensureValid(String name, Object value) {
        String glob = value == null ? "" : value.toString();
        if (glob.trim().isEmpty()) {
            throw new ConfigException(name, value, "must be a glob such as *.jsonl (use * for every file)");
        }
        try {
            matcher(glob);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "not a valid glob: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "a glob matched against file names, e.g. *.jsonl";
    }
}
