package io.github.schemafirst.connect.file;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a task owns, in the order they were found (oldest first). Changed only on the reading thread; the
 * producer's callbacks look files up by key ({@link #find}) to count acknowledgements.
 */
final class TrackedFiles {
    private final Map<String, TrackedFile> inOrder = new LinkedHashMap<>();
    private final Map<String, TrackedFile> byKey = new ConcurrentHashMap<>();

    TrackedFile get(String key) {
        return inOrder.get(key);
    }

    /** The same as {@link #get}, from any thread. */
    TrackedFile find(String key) {
        return byKey.get(key);
    }

    void add(TrackedFile tracked) {
        inOrder.put(tracked.key, tracked);
        byKey.put(tracked.key, tracked);
    }

    void forget(TrackedFile tracked) {
        inOrder.remove(tracked.key);
        byKey.remove(tracked.key);
        tracked.closeReader();
    }

    Collection<TrackedFile> all() {
        return inOrder.values();
    }

    int size() {
        return inOrder.size();
    }

    void closeAll() {
        for (TrackedFile tracked : inOrder.values()) {
            tracked.closeReader();
        }
    }
}
