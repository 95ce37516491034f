package io.github.schemafirst.connect.file.storage.s3;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The operations a source that reads objects needs on one bucket, each a single S3 request (or one SDK call with its
 * few retries), with failures sorted into what the caller can act on (see {@link S3Failures}): a deleted object is
 * a {@link java.nio.file.NoSuchFileException}, an overwritten one an {@link S3ObjectChangedException}, a
 * configuration problem an {@link S3AccessException}, anything else an {@link IOException} worth retrying later.
 *
 * <p>Thread-safe. The bucket owns its client (built from {@link S3Settings} by {@link S3ClientFactory}) and closes
 * it in {@link #close()}; {@link #abortAll()} may be called from any thread.
 */
public final class S3Bucket implements Closeable {
    private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final String bucket;
    private final RequestCounter counter = new RequestCounter();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final SdkHttpClient http;
    private final S3Client s3;
    private final S3Failures failures;
    private final Set<ObjectStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesRead = new AtomicLong();

    /**
     * A bucket on a client of its own. Nothing is sent yet; {@link #checkAccess} proves the settings work.
     *
     * @throws IllegalArgumentException if no region is configured or found, or the trust store cannot be loaded
     */
    public S3Bucket(S3Settings settings, String bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.failures = new S3Failures(bucket);
        this.http = inFlight.track(S3ClientFactory.httpClientBuilder(settings).build());
        try {
            this.s3 = S3ClientFactory.create(settings, http, List.of(counter, inFlight));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    public String name() {
        return bucket;
    }

    /**
     * One ListObjectsV2 request: up to {@code maxKeys} objects under {@code prefix} whose keys sort after
     * {@code startAfter}, so that a caller lists a bucket of millions of objects a page per poll and can resume from
     * {@link ListPage#lastKey()} after a restart (a continuation token would not survive one).
     *
     * @param prefix     key prefix, empty or null for the whole bucket
     * @param startAfter list keys after this one; null to start at the beginning
     * @param recursive  false: only the objects directly under {@code prefix} (delimiter {@code /}); the
     *                   "directories" S3 rolls up are skipped, not listed. Zero-byte "folder" objects whose key ends
     *                   with {@code /} are listed like any object: the caller decides
     * @param maxKeys    1 to 1000 (S3 caps a page at 1000)
     */
    public ListPage list(String prefix, String startAfter, boolean recursive, int maxKeys) throws IOException {
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys must be 1 to 1000, not " + maxKeys);
        }
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(maxKeys);
        if (prefix != null && !prefix.isEmpty()) {
            request.prefix(prefix);
        }
        if (startAfter != null && !startAfter.isEmpty()) {
            request.startAfter(startAfter);
        }
        if (!recursive) {
            request.delimiter("/");
        }
        ListObjectsV2Response response;
        try {
            response = s3.listObjectsV2(request.build());
        } catch (SdkException e) {
            throw failures.translate("LIST", prefix == null ? "" : prefix, e);
        }
        List<S3ObjectEntry> entries = new ArrayList<>(response.contents().size());
        for (S3Object object : response.contents()) {
            entries.add(new S3ObjectEntry(object.key(), size(object.size()), object.eTag(), millis(object.lastModified())));
        }
        String lastKey = entries.isEmpty() ? null : entries.get(entries.size() - 1).key();
        if (!response.commonPrefixes().isEmpty()) {
            // A page can end with a rolled-up "directory" rather than an object. Starting the next page after the
            // directory's own name would roll up the same directory again (its keys sort after it), forever; start
            // after the greatest key it could hold instead.
            CommonPrefix last = response.commonPrefixes().get(response.commonPrefixes().size() - 1);
            String pastDirectory = last.prefix() + MAX_CODE_POINT;
            if (lastKey == null || compareUtf8(pastDirectory, lastKey) > 0) {
                lastKey = pastDirectory;
            }
        }
        return new ListPage(entries, Boolean.TRUE.equals(response.isTruncated()), lastKey);
    }

    /**
     * Opens the object for reading from byte {@code from} on ({@code Range: bytes=from-}), only if it still has the
     * given ETag ({@code If-Match}). Closing the stream before its end aborts the transfer instead of downloading the
     * rest; {@link #abortAll()} aborts it from another thread.
     *
     * @param eTag the ETag the object must still have, or null for whatever it is now
     * @param from 0 for the whole object; equal to the size gives an empty stream
     * @throws S3ObjectChangedException          the object no longer has that ETag
     * @throws java.nio.file.NoSuchFileException the object does not exist (any more)
     * @throws EOFException                      {@code from} is past the end of the object
     */
    public InputStream open(String key, String eTag, long from) throws IOException {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be negative: " + from);
        }
        return get(key, eTag, from, -1);
    }

    /**
     * Reads {@code length} bytes from {@code from} with one ranged GET (for fingerprints and checks); fewer only
     * where the object ends sooner.
     *
     * @throws S3ObjectChangedException          the object no longer has that ETag
     * @throws java.nio.file.NoSuchFileException the object does not exist (any more)
     * @throws EOFException                      {@code from} is past the end of the object
     */
    public byte[] read(String key, String eTag, long from, int length) throws IOException {
        if (from < 0 || length < 0) {
            throw new IllegalArgumentException("from and length must not be negative: " + from + ", " + length);
        }
        if (length == 0) {
            return new byte[0];
        }
        try (InputStream in = get(key, eTag, from, from + length - 1)) {
            byte[] bytes = in.readNBytes(length);
            // Reading the end marker lets close() return the connection to the pool instead of aborting it.
            in.read();
            return bytes;
        }
    }

    private InputStream get(String key, String eTag, long from, long lastInclusive) throws IOException {
        long generation = inFlight.generation();
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (from > 0 || lastInclusive >= 0) {
            request.range("bytes=" + from + "-" + (lastInclusive >= 0 ? Long.toString(lastInclusive) : ""));
        }
        if (eTag != null) {
            request.ifMatch(quote(eTag));
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(request.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return endOfObject(key, eTag, from, e);
            }
            throw failures.translate("GET", key, e);
        } catch (SdkException e) {
            throw failures.translate("GET", key, e);
        }
        ObjectStream stream = new ObjectStream(body, uri(key), bytesRead, streams::remove);
        streams.add(stream);
        // Added first, checked second, while abortAll() counts up first and aborts the added second: an abort
        // that came while the GET was under way is not missed.
        if (inFlight.generation() != generation) {
            stream.abort();
            stream.close();
            throw new InterruptedIOException("GET " + uri(key) + " aborted");
        }
        if (from > 0 && body.response().contentRange() == null) {
            // The store ignored the Range header and sent the whole object: skip to where the caller asked.
            // Costly, but correct; S3 and the S3-compatible stores known to us honour Range.
            try {
                skip(stream, from, key);
            } catch (IOException e) {
                stream.close();
                throw e;
            }
        }
        return stream;
    }

    /**
     * S3 answers 416 to a range that starts at or after the end. At the end exactly is normal for a reader that
     * resumes a fully read object: an empty stream. Past the end means the object is shorter than the caller
     * knows it: an error. A HEAD tells which (and, with If-Match, whether the object is still the same).
     */
    private InputStream endOfObject(String key, String eTag, long from, S3Exception unsatisfiable) throws IOException {
        HeadObjectResponse head;
        try {
            HeadObjectRequest.Builder request = HeadObjectRequest.builder().bucket(bucket).key(key);
            if (eTag != null) {
                request.ifMatch(quote(eTag));
            }
            head = s3.headObject(request.build());
        } catch (SdkException e) {
            throw failures.translate("HEAD", key, e);
        }
        long size = size(head.contentLength());
        if (from == size) {
            return InputStream.nullInputStream();
        }
        EOFException past = new EOFException(uri(key) + " has " + size + " bytes: cannot read from byte " + from);
        past.initCause(unsatisfiable);
        throw past;
    }

    private void skip(InputStream stream, long count, String key) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = stream.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException(uri(key) + " ends before byte " + count);
            }
            left -= n;
        }
    }

    /** HeadObject: the object's size, ETag and modification time; empty if there is no such object. */
    public Optional<S3ObjectEntry> head(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return Optional.of(new S3ObjectEntry(key, size(head.contentLength()), head.eTag(),
                    millis(head.lastModified())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // A HEAD answer has no body, hence no error code: a 404 is a missing object (or, rarely, bucket).
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failures.translate("HEAD", key, e);
        } catch (SdkException e) {
            throw failures.translate("HEAD", key, e);
        }
    }

    public boolean exists(String key) throws IOException {
        return head(key).isPresent();
    }

    /**
     * Server-side copy within the bucket, only if the source still has the given ETag ({@code x-amz-copy-source-if-match}),
     * e.g. to move a finished object to an archive prefix. CopyObject handles objects up to 5 GB; larger ones need a
     * multipart copy (UploadPartCopy), which is out of scope here.
     *
     * @param eTag the ETag the source must still have, or null for whatever it is now
     * @throws S3ObjectChangedException          the source no longer has that ETag
     * @throws java.nio.file.NoSuchFileException the source does not exist
     */
    public void copy(String fromKey, String toKey, String eTag) throws IOException {
        CopyObjectRequest.Builder request = CopyObjectRequest.builder()
                .sourceBucket(bucket).sourceKey(fromKey)
                .destinationBucket(bucket).destinationKey(toKey);
        if (eTag != null) {
            request.copySourceIfMatch(quote(eTag));
        }
        try {
            s3.copyObject(request.build());
        } catch (SdkException e) {
            throw failures.translate("COPY", fromKey, e);
        }
    }

    /** DeleteObject; deleting a key that does not exist is not an error (S3 answers 204 either way). */
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (SdkException e) {
            throw failures.translate("DELETE", key, e);
        }
    }

    /**
     * One ListObjectsV2 of at most one key: proves the bucket exists, the credentials work and the prefix may be
     * listed, for a connector to fail at start with a clear message rather than at its first poll.
     *
     * @throws S3AccessException naming the bucket and prefix and the cause (missing bucket, access denied, wrong
     *                           region, unknown host, connection refused, TLS failure)
     * @throws IOException       throttling or a server error: try again later
     */
    public void checkAccess(String prefix) throws IOException {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(1);
        if (prefix != null && !prefix.isEmpty()) {
            request.prefix(prefix);
        }
        try {
            s3.listObjectsV2(request.build());
        } catch (SdkException e) {
            throw failures.translateAccess(prefix == null ? "" : prefix, e);
        }
    }

    /** HTTP attempts sent, the SDK's retries included. */
    public long requests() {
        return counter.attempts();
    }

    /** Attempts S3 answered with throttling (503 SlowDown, 429, a throttling error code), retried ones included. */
    public long throttles() {
        return counter.throttles();
    }

    /** Object bytes delivered to callers by {@link #open} and {@link #read} streams. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /**
     * Aborts, from any thread, every request waiting for its answer and every stream this bucket handed out, so that
     * threads blocked on them fail at once with an {@link InterruptedIOException} (a Connect task being stopped).
     * The bucket stays usable: calls begun afterwards go ahead.
     */
    public void abortAll() {
        inFlight.abortAll();
        for (ObjectStream stream : streams) {
            stream.abort();
        }
    }

    /** Aborts open streams and closes the client and its connection pool. */
    @Override
    public void close() {
        abortAll();
        try {
            s3.close();
        } finally {
            http.close();
        }
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** If-Match wants the ETag as S3 sends it, quoted; the entries of this package hold it unquoted. */
    private static String quote(String eTag) {
        return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }

    private static long size(Long size) {
        return size == null ? 0 : size;
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    /** S3 sorts keys by their UTF-8 bytes, which differs from {@link String#compareTo} above U+FFFF. */
    static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
