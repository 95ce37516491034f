package io.github.schemafirst.connect.file.storage;

import java.util.Locale;

/** What happens to a file once every record read from it has been committed ({@code file.completed.action}). */
public enum CompletionAction {
    /** Leave the file where it is; its stored offset remembers it was read, and appends are read as they come. */
    NONE,
    /** Move it into {@code file.completed.dir}, keeping its name. */
    MOVE,
    /** Delete it. */
    DELETE;

    /** The value users write in the config: {@code none}, {@code move}, {@code delete}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CompletionAction fromConfigValue(String value) {
        for (CompletionAction action : values()) {
            if (action.configValue().equalsIgnoreCase(value.trim())) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown completion action: " + value);
    }
}
