package io.github.schemafirst.connect.file.storage.s3;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a source reads from: {@code s3://bucket/prefix}. Parsed by hand rather than with {@link java.net.URI},
 * because object keys are taken as written (users paste {@code s3://} paths from the AWS console and CLI, which do
 * not percent-encode), and {@code URI} would reject or decode them.
 */
public final class S3Location {
    private static final String SCHEME = "s3://";
    /**
     * AWS's rules for bucket names (3-63 characters, lowercase letters, digits, dots and hyphens, beginning and ending
     * with a letter or digit), which S3-compatible stores follow too. Checked here so that a typo fails when the
     * connector is configured, not as a puzzling signature or DNS error at the first request.
     */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String bucket;
    private final String prefix;

    private S3Location(String bucket, String prefix) {
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix}; the prefix is everything
     * after the first slash, kept as written (empty when absent).
     *
     * @throws IllegalArgumentException if the text is not such a location
     */
    public static S3Location parse(String location) {
        if (location == null || !isS3(location)) {
            // s3a:// and s3n:// are Hadoop's names for the same store: say so rather than just "not S3".
            String hint = location != null && location.toLowerCase(Locale.ROOT).matches("s3[an]://.*")
                    ? "; use s3:// instead of Hadoop's " + location.substring(0, 3) + "://" : "";
            throw new IllegalArgumentException("Not an S3 location: '" + location + "' (expected s3://bucket/prefix"
                    + hint + ")");
        }
        if (location.indexOf('?') >= 0 || location.indexOf('#') >= 0) {
            // A query or fragment is never part of a key here: most likely a pasted pre-signed URL or console link.
            throw new IllegalArgumentException("S3 location '" + location
                    + "' has a '?' or '#': give s3://bucket/prefix without a query or fragment");
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 location '" + location + "' has no bucket (expected s3://bucket/prefix)");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("S3 location '" + location + "' has an invalid bucket name '" + bucket
                    + "': 3-63 characters, lowercase letters, digits, dots and hyphens, beginning and ending with a"
                    + " letter or digit");
        }
        return new S3Location(bucket, prefix);
    }

    /** Whether the text is meant as an S3 location (scheme {@code s3://}, any case), valid or not. */
    public static boolean isS3(String location) {
        return location != null && location.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public String bucket() {
        return bucket;
    }

    /** The key prefix, possibly empty, as written (a trailing slash is kept: {@code a/} and {@code a} differ in S3). */
    public String prefix() {
        return prefix;
    }

    /** {@code s3://bucket/key}: how an object is named in messages and offsets. */
    public String uri(String key) {
        return SCHEME + bucket + "/" + key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof S3Location
                && bucket.equals(((S3Location) other).bucket)
                && prefix.equals(((S3Location) other).prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix);
    }

    @Override
    public String toString() {
        return uri(prefix);
    }
}
