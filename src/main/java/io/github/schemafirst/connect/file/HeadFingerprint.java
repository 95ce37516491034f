package io.github.schemafirst.connect.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The first bytes of a file (at most {@value #MAX_LENGTH}, never past what was read) and their SHA-256, stored with
 * each offset. File identities (inodes) are reused once a file is deleted, and a file can be rewritten in place:
 * if the bytes a stored offset was taken over no longer start the file, the offset belongs to another file.
 */
public final class HeadFingerprint {
    public static final int MAX_LENGTH = 1024;

    private final int length;
    /** Null until first asked for, for a {@link #lazy} fingerprint; then set before {@link #bytes} is dropped. */
    private volatile String hash;
    /** A lazy fingerprint's bytes (shared with the reader, never modified) until its hash is taken; else null. */
    private volatile byte[] bytes;

    public HeadFingerprint(int length, String hash) {
        checkLength(length);
        this.length = length;
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    private HeadFingerprint(byte[] head, int length) {
        checkLength(length);
        if (head.length < length) {
            throw new IllegalArgumentException("head holds " + head.length + " bytes, fewer than " + length);
        }
        this.length = length;
        this.bytes = head;
    }

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("head length must be between 0 and " + MAX_LENGTH + ", got " + length);
        }
    }

    /** The fingerprint of the first {@code length} bytes of {@code head} (which holds at least that many). */
    public static HeadFingerprint of(byte[] head, int length) {
        return new HeadFingerprint(length, sha256(head, length));
    }

    /**
     * The same fingerprint as {@link #of}, its hash taken only when first asked for: a task makes one for each
     * record in a file's first KiB, and the worker reads few of them. {@code head} is kept, not copied, until then:
     * it must never be modified.
     */
    static HeadFingerprint lazy(byte[] head, int length) {
        return new HeadFingerprint(head, length);
    }

    private static String sha256(byte[] head, int length) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        digest.update(head, 0, length);
        byte[] sum = digest.digest();
        StringBuilder hex = new StringBuilder(sum.length * 2);
        for (byte b : sum) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** Whether {@code head}, the file's first {@link #length()} bytes (fewer at its end), are those fingerprinted. */
    public boolean matches(byte[] head) {
        return head.length == length && of(head, length).equals(this);
    }

    public int length() {
        return length;
    }

    public String hash() {
        String taken = hash;
        if (taken == null) {
            byte[] head = bytes;
            if (head == null) {
                return hash; // another thread took it: it set the hash before it dropped the bytes
            }
            taken = sha256(head, length);
            hash = taken;
            bytes = null;
        }
        return taken;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeadFingerprint)) {
            return false;
        }
        HeadFingerprint other = (HeadFingerprint) o;
        return length == other.length && hash().equals(other.hash());
    }

    @Override
    public int hashCode() {
        return hash().hashCode() * 31 + length;
    }

    @Override
    public String toString() {
        String taken = hash();
        return "first " + length + " bytes sha256 " + taken.substring(0, Math.min(12, taken.length()));
    }
}
