package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ids of the records delivered at one incremental value ({@code http.incremental.mode=inclusive}), as kept in
 * the source offset: a JSON array of strings (Connect offsets hold only primitive values). An id longer than
 * {@link #VERBATIM_MAX} characters is kept as {@code sha256:<43 base64url characters>}; a record without an id is
 * known by the digest of its JSON text.
 */
public final class BoundaryIds {
    /** Ids up to this length are kept as they are. */
    public static final int VERBATIM_MAX = 64;
    private static final String DIGEST_PREFIX = "sha256:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> keys;

    private BoundaryIds(Set<String> keys) {
        this.keys = keys;
    }

    public static BoundaryIds empty() {
        return new BoundaryIds(new LinkedHashSet<>());
    }

    /**
     * @param json a JSON array of strings as {@link #toJson()} writes it; null or empty for none
     * @throws IllegalArgumentException when it is something else
     */
    public static BoundaryIds parse(String json) {
        BoundaryIds ids = empty();
        if (json == null || json.trim().isEmpty()) {
            return ids;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON array of id strings, got '" + abbreviate(json) + "'");
        }
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of id strings, got '" + abbreviate(json) + "'");
        }
        for (JsonNode element : node) {
            if (!element.isTextual() && !element.isNumber()) {
                throw new IllegalArgumentException("expected a JSON array of id strings, got an element " + element);
            }
            ids.keys.add(key(element.asText()));
        }
        return ids;
    }

    /** The form an id is kept in: itself, or its digest when longer than {@link #VERBATIM_MAX}. */
    public static String key(String id) {
        return id.length() <= VERBATIM_MAX ? id : digest(id);
    }

    /** {@code sha256:} and the unpadded base64url SHA-256 of the text's UTF-8 bytes. */
    public static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return DIGEST_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public BoundaryIds copy() {
        return new BoundaryIds(new LinkedHashSet<>(keys));
    }

    /** @param key as {@link #key} made it */
    public boolean contains(String key) {
        return keys.contains(key);
    }

    /** @param key as {@link #key} made it */
    public boolean add(String key) {
        return keys.add(key);
    }

    public void addAll(BoundaryIds other) {
        keys.addAll(other.keys);
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** A JSON array of strings, in the order the ids were added. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundaryIds && ((BoundaryIds) o).keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
