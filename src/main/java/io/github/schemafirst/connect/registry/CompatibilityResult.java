package io.github.schemafirst.connect.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The registry's answer to a compatibility check. The messages say what breaks compatibility when the registry
 * tells (Confluent's does with {@code verbose=true}); they may be empty even when the document is incompatible.
 */
public final class CompatibilityResult {
    private static final CompatibilityResult COMPATIBLE = new CompatibilityResult(true, null);

    private final boolean compatible;
    private final List<String> messages;

    public CompatibilityResult(boolean compatible, List<String> messages) {
        this.compatible = compatible;
        this.messages = messages == null || messages.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(messages));
    }

    /** Compatible, nothing to say (e.g. a subject with no versions yet). */
    public static CompatibilityResult compatibleResult() {
        return COMPATIBLE;
    }

    public boolean compatible() {
        return compatible;
    }

    /** Unmodifiable; possibly empty. */
    public List<String> messages() {
        return messages;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CompatibilityResult)) {
            return false;
        }
        CompatibilityResult that = (CompatibilityResult) o;
        return compatible == that.compatible && messages.equals(that.messages);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(compatible) * 31 + messages.hashCode();
    }

    @Override
    public String toString() {
        return (compatible ? "compatible" : "incompatible") + (messages.isEmpty() ? "" : ": " + messages);
    }
}
