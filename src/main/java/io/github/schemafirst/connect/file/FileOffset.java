package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Connect source partition and offset of a file. Partition: {@code {"file.key": <identity>}} (see
 * {@code file.identity}), so a file keeps its offset when renamed. Offset: where to resume ({@code position} byte,
 * {@code line}, record {@code index}), a {@link HeadFingerprint} ({@code head.length}, {@code head.hash}) guarding
 * against a reused identity or a rewritten file, a {@link ResumeCheck} of the bytes just before the position
 * ({@code check.from}, {@code check.crc}) for the same reason, the {@code path} it was last read at (for people
 * reading the offsets, never used to find the file) and, for a file whose rest could not be read, why
 * ({@code broken}): such a file is not read again while it holds the same bytes. An object in a bucket carries its
 * {@code etag} instead of the fingerprints: the same ETag under the same key is the same bytes, another ETag a new
 * object read from its start.
 */
public final class FileOffset {
    public static final String FILE_KEY = "file.key";
    public static final String POSITION = "position";
    public static final String LINE = "line";
    public static final String INDEX = "index";
    public static final String HEAD_LENGTH = "head.length";
    public static final String HEAD_HASH = "head.hash";
    public static final String PATH = "path";
    public static final String CHECK_FROM = "check.from";
    public static final String CHECK_CRC = "check.crc";
    public static final String BROKEN = "broken";
    public static final String ETAG = "etag";

    private static final Set<String> KEYS = Set.of(POSITION, LINE, INDEX, HEAD_LENGTH, HEAD_HASH, PATH, CHECK_FROM,
            CHECK_CRC, BROKEN, ETAG);
    /** A broken file's reason is for people; the offset keeps its start, not a whole stack of messages. */
    private static final int MAX_BROKEN_LENGTH = 500;

    private final ReadPosition position;
    private final HeadFingerprint head;
    private final ResumeCheck check;
    private final String path;
    private final String broken;
    private final String etag;

    public FileOffset(ReadPosition position, HeadFingerprint head, String path) {
        this(position, head, null, path, null, null);
    }

    FileOffset(ReadPosition position, HeadFingerprint head, ResumeCheck check, String path, String broken,
            String etag) {
        this.position = position;
        this.etag = etag;
        this.head = head;
        this.check = check;
        this.path = path;
        this.broken = broken == null || broken.length() <= MAX_BROKEN_LENGTH ? broken
                : broken.substring(0, MAX_BROKEN_LENGTH) + "...";
    }

    /** This offset, marking the file broken for {@code reason}: the rest of it is not read. */
    FileOffset asBroken(String reason) {
        return new FileOffset(position, head, check, path, Objects.requireNonNull(reason, "reason"), etag);
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
        boolean hasFrom = offset.get(CHECK_FROM) != null;
        if (hasFrom != (offset.get(CHECK_CRC) != null)) {
            throw new IllegalArgumentException("offset fields '" + CHECK_FROM + "' and '" + CHECK_CRC
                    + "' go together: give both or neither");
        }
        ResumeCheck check = null;
        if (hasFrom) {
            long from = number(offset, CHECK_FROM, true, 0L);
            long crc = number(offset, CHECK_CRC, true, 0L);
            if (from > position) {
                throw new IllegalArgumentException("offset field '" + CHECK_FROM + "' must be at most '" + POSITION
                        + "': " + offset);
            }
            check = new ResumeCheck(from, crc);
        }
        return new FileOffset(new ReadPosition(position, line, index), head, check, text(offset, PATH),
                text(offset, BROKEN), text(offset, ETAG));
    }

    private static String text(Map<String, ?> offset, String key) {
        Object value = offset.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("offset field '" + key + "' must be a string, got " + value);
        }
        return (String) value;
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

    /**
     * The offset as Connect stores it. A read-only view built for every record the task emits, while the worker
     * reads few of them (the last one of each partition, when it commits): its entries, with their boxed numbers
     * and the head's hash, are made only when it is first read.
     */
    public Map<String, Object> toMap() {
        return new OffsetMap(this);
    }

    private Map<String, Object> buildMap() {
        Map<String, Object> map = new HashMap<>(16);
        map.put(POSITION, position.byteOffset());
        map.put(LINE, position.line());
        map.put(INDEX, position.recordIndex());
        if (head != null) {
            map.put(HEAD_LENGTH, (long) head.length());
            map.put(HEAD_HASH, head.hash());
        }
        if (check != null) {
            map.put(CHECK_FROM, check.from());
            map.put(CHECK_CRC, check.crc());
        }
        if (path != null) {
            map.put(PATH, path);
        }
        if (broken != null) {
            map.put(BROKEN, broken);
        }
        if (etag != null) {
            map.put(ETAG, etag);
        }
        return Map.copyOf(map); // immutable, and safe to hand to another thread through a data race
    }

    /**
     * {@link #toMap()}: an unmodifiable map of the offset's fields, built on first use (on whichever thread reads
     * it first; two threads racing build equal maps).
     */
    private static final class OffsetMap extends AbstractMap<String, Object> {
        private final FileOffset offset;
        private Map<String, Object> entries;

        OffsetMap(FileOffset offset) {
            this.offset = offset;
        }

        private Map<String, Object> entries() {
            Map<String, Object> built = entries;
            if (built == null) {
                built = offset.buildMap();
                entries = built;
            }
            return built;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries().entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries().containsKey(key);
        }

        @Override
        public int size() {
            return entries().size();
        }
    }

    public ReadPosition position() {
        return position;
    }

    /** The fingerprint to check before resuming; null for offsets set by hand without one. */
    public HeadFingerprint head() {
        return head;
    }

    /** The check of the bytes before the position; null for offsets without one (set by hand, .gz files). */
    ResumeCheck check() {
        return check;
    }

    /** Why the rest of the file could not be read; null for a file that reads on. */
    public String broken() {
        return broken;
    }

    /** The object's ETag when it was read; null for a local file. */
    public String etag() {
        return etag;
    }

    /** Where the file was last read, for people; null when unknown. */
    public String path() {
        return path;
    }
}
