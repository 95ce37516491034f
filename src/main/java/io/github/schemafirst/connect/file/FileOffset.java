package io.github.schemafirst.connect.file;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Connect source partition and offset of a file. Partition: {@code {"file.key": <identity>}} (see
 * {@link FileIdentity}), so a file keeps its offset when renamed. Offset: where to resume ({@code position} byte,
 * {@code line}, record {@code index}), a {@link HeadFingerprint} ({@code head.length}, {@code head.hash}) guarding
 * against a reused identity or a rewritten file, and the {@code path} it was last read at (for people reading the
 * offsets, never used to find the file).
 */
public final class FileOffset {
    public static final String FILE_KEY = "file.key";
    public static final String POSITION = "position";
    public static final String LINE = "line";
    public static final String INDEX = "index";
    public static final String HEAD_LENGTH = "head.length";
    public static final String HEAD_HASH = "head.hash";
    public static final String PATH = "path";

    private static final Set<String> KEYS = Set.of(POSITION, LINE, INDEX, HEAD_LENGTH, HEAD_HASH, PATH);

    private final ReadPosition position;
    private final HeadFingerprint head;
    private final String path;

    public FileOffset(ReadPosition position, HeadFingerprint head, String path) {
        this.position = position;
        this.head = head;
        this.path = path;
    }

    public static Map<String, Object> partition(String fileKey) {
        return Collections.singletonMap(FILE_KEY, fileKey);
    }

    /** @throws IllegalArgumentException when the map is not a partition of this connector */
    public static String fileKey(Map<String, ?> partition) {
        if (partition == null) {
            throw new IllegalArgumentException("the source partition is null; expected {\"" + FILE_KEY + "\": ...}");
        }
        Object key = partition.get(FILE_KEY);
        if (!(key instanceof String) || ((String) key).isEmpty() || partition.size() != 1) {
            throw new IllegalArgumentException("expected a source partition {\"" + FILE_KEY + "\": \"<file "
                    + "identity>\"}, got " + partition);
        }
        return (String) key;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when the map is not an offset of this connector:
     *     {@code position} is required; {@code line}, {@code index}, {@code path} and the head pair are optional
     */
    public static FileOffset fromMap(Map<String, ?> offset) {
        for (String key : offset.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown offset field '" + key + "'; fields are " + KEYS);
            }
        }
        long position = number(offset, POSITION, true, 0L);
        long line = number(offset, LINE, false, 1L);
        long index = number(offset, INDEX, false, 0L);
        if (line < 1) {
            throw new IllegalArgumentException("offset field '" + LINE + "' must be at least 1, got " + line);
        }
        boolean hasLength = offset.get(HEAD_LENGTH) != null;
        boolean hasHash = offset.get(HEAD_HASH) != null;
        if (hasLength != hasHash) {
            throw new IllegalArgumentException("offset fields '" + HEAD_LENGTH + "' and '" + HEAD_HASH
                    + "' go together: give both or neither");
        }
        HeadFingerprint head = null;
        if (hasLength) {
            long length = number(offset, HEAD_LENGTH, true, 0L);
            Object hash = offset.get(HEAD_HASH);
            if (!(hash instanceof String) || length > HeadFingerprint.MAX_LENGTH || length > position) {
                throw new IllegalArgumentException("offset fields '" + HEAD_LENGTH + "' (0.." + HeadFingerprint.MAX_LENGTH
                        + ", at most position) and '" + HEAD_HASH + "' (a string) are malformed: " + offset);
            }
            head = new HeadFingerprint((int) length, (String) hash);
        }
        Object path = offset.get(PATH);
        if (path != null && !(path instanceof String)) {
            throw new IllegalArgumentException("offset field '" + PATH + "' must be a string, got " + path);
        }
        return new FileOffset(new ReadPosition(position, line, index), head, (String) path);
    }

    private static long number(Map<String, ?> offset, String key, boolean required, long absent) {
        Object value = offset.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("offset field '" + key + "' is required");
            }
            return absent;
        }
        // JSON offset stores hand integers back as Integer or Long; a fraction is not a position
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw new IllegalArgumentException("offset field '" + key + "' must be an integer, got " + value);
        }
        long number = ((Number) value).longValue();
        if (number < 0) {
            throw new IllegalArgumentException("offset field '" + key + "' must not be negative, got " + number);
        }
        return number;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(8);
        map.put(POSITION, position.byteOffset());
        map.put(LINE, position.line());
        map.put(INDEX, position.recordIndex());
        if (head != null) {
            map.put(HEAD_LENGTH, (long) head.length());
            map.put(HEAD_HASH, head.hash());
        }
        if (path != null) {
            map.put(PATH, path);
        }
        return map;
    }

    public ReadPosition position() {
        return position;
    }

    /** The fingerprint to check before resuming; null for offsets set by hand without one. */
    public HeadFingerprint head() {
        return head;
    }

    /** Where the file was last read, for people; null when unknown. */
    public String path() {
        return path;
    }
}
