package io.github.schemafirst.connect.file;

import java.util.Collection;
import java.util.Map;

/** The offsets the worker has stored for some source partitions (those without one are absent from the answer). */
@FunctionalInterface
interface StoredOffsets {
    Map<Map<String, Object>, Map<String, Object>> lookup(Collection<Map<String, Object>> partitions);
}
