package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.it.S3FaultProxy;
import io.github.schemafirst.connect.it.S3ProxyProcess;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3Bucket} against a real S3-compatible store (s3proxy, filesystem backend) and, for throttling and hanging
 * GETs, against {@link S3FaultProxy} in front of it.
 */
class S3BucketIT {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyProcess store;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String bucketName;
    private S3Bucket bucket;

    @BeforeAll
    static void startStore() {
        store = S3ProxyProcess.start();
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @BeforeEach
    void freshBucket() {
        bucketName = "it-bucket-" + BUCKETS.incrementAndGet();
        store.createBucket(bucketName);
        bucket = open(store.endpoint(), store.secretKey());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private S3Bucket open(String endpoint, String secret) {
        return open(endpoint, secret, bucketName);
    }

    private S3Bucket open(String endpoint, String secret, String name) {
        S3Settings settings = S3Settings.builder()
                .endpoint(endpoint)
                .pathStyle(true)
                .credentials(store.accessKey(), secret)
                // Long enough that a test of abortAll() is not ended by a timeout instead.
                .requestTimeout(Duration.ofSeconds(60))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        S3Bucket opened = new S3Bucket(settings, name);
        toClose.add(opened);
        return opened;
    }

    private S3FaultProxy faultProxy() {
        S3FaultProxy proxy = S3FaultProxy.start(store.endpoint());
        toClose.add(0, proxy);
        return proxy;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private String put(String key, byte[] bytes) {
        return S3ObjectEntry.unquote(store.put(bucketName, key, bytes));
    }

    @Test
    void listsFiveObjectsTwoAPageThroughStartAfter() throws IOException {
        List<String> keys = List.of("p/k0", "p/k1", "p/k2", "p/k3", "p/k4");
        for (String key : keys) {
            put(key, key.getBytes(StandardCharsets.UTF_8));
        }
        put("other/x", new byte[1]);

        ListPage first = bucket.list("p/", null, true, 2);
        ListPage second = bucket.list("p/", first.lastKey(), true, 2);
        ListPage third = bucket.list("p/", second.lastKey(), true, 2);

        assertThat(first.entries()).extracting(S3ObjectEntry::key).containsExactly("p/k0", "p/k1");
        assertThat(first.truncated()).isTrue();
        assertThat(first.lastKey()).isEqualTo("p/k1");
        assertThat(second.entries()).extracting(S3ObjectEntry::key).containsExactly("p/k2", "p/k3");
        assertThat(second.truncated()).isTrue();
        assertThat(third.entries()).extracting(S3ObjectEntry::key).containsExactly("p/k4");
        assertThat(third.truncated()).isFalse();
        S3ObjectEntry k0 = first.entries().get(0);
        assertThat(k0.size()).isEqualTo(4);
        assertThat(k0.eTag()).as("ETag without quotes").isNotBlank().doesNotContain("\"");
        assertThat(k0.lastModified()).isGreaterThan(0);
        assertThat(bucket.requests()).as("one request a page").isEqualTo(3);
    }

    @Test
    void nonRecursiveListingSkipsDirectoriesAndPagesPastThem() throws IOException {
        for (String key : List.of("d/a", "d/sub/b", "d/sub/c", "d/sub2/e", "d/z")) {
            put(key, new byte[3]);
        }

        assertThat(bucket.list("d/", null, false, 100).entries()).extracting(S3ObjectEntry::key)
                .containsExactly("d/a", "d/z");
        assertThat(bucket.list("d/", null, true, 100).entries()).extracting(S3ObjectEntry::key)
                .containsExactly("d/a", "d/sub/b", "d/sub/c", "d/sub2/e", "d/z");

        // A page at a time: pages that end with a directory must not roll the same directory up again.
        List<String> listed = new ArrayList<>();
        String startAfter = null;
        int pages = 0;
        ListPage page;
        do {
            page = bucket.list("d/", startAfter, false, 1);
            page.entries().forEach(entry -> listed.add(entry.key()));
            startAfter = page.lastKey();
            pages++;
        } while (page.truncated() && pages < 20);
        assertThat(listed).containsExactly("d/a", "d/z");
        assertThat(pages).isLessThan(20);
    }

    @Test
    void opensAtAnOffsetWithRange() throws IOException {
        byte[] data = bytes(1000, 1);
        String eTag = put("obj", data);

        try (InputStream in = bucket.open("obj", eTag, 600)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 600, 1000));
        }
        try (InputStream in = bucket.open("obj", null, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(bucket.bytesRead()).isEqualTo(400 + 1000);
    }

    @Test
    void openAtTheEndIsEmptyAndPastTheEndFails() throws IOException {
        String eTag = put("obj", bytes(100, 2));

        try (InputStream in = bucket.open("obj", eTag, 100)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> bucket.open("obj", eTag, 101)).isInstanceOf(EOFException.class)
                .hasMessageContaining("s3://" + bucketName + "/obj").hasMessageContaining("100 bytes");
        put("empty", new byte[0]);
        try (InputStream in = bucket.open("empty", null, 0)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void openWithAnotherETagFailsAsChanged() throws IOException {
        String old = put("obj", bytes(100, 3));
        put("obj", bytes(100, 4));

        assertThatThrownBy(() -> bucket.open("obj", old, 0)).isInstanceOf(S3ObjectChangedException.class)
                .hasMessageContaining("s3://" + bucketName + "/obj");
        assertThatThrownBy(() -> bucket.open("obj", old, 50)).isInstanceOf(S3ObjectChangedException.class);
        assertThatThrownBy(() -> bucket.open("obj", "0123456789abcdef0123456789abcdef", 0))
                .isInstanceOf(S3ObjectChangedException.class);
    }

    @Test
    void openOfADeletedObjectIsNoSuchFile() throws IOException {
        String eTag = put("gone", bytes(10, 5));
        store.delete(bucketName, "gone");

        assertThatThrownBy(() -> bucket.open("gone", eTag, 0)).isInstanceOfSatisfying(NoSuchFileException.class,
                e -> assertThat(e.getFile()).isEqualTo("s3://" + bucketName + "/gone"));
        assertThatThrownBy(() -> bucket.open("gone", null, 5)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsExactlyARange() throws IOException {
        byte[] data = bytes(500, 6);
        String eTag = put("obj", data);

        assertThat(bucket.read("obj", eTag, 10, 20)).isEqualTo(Arrays.copyOfRange(data, 10, 30));
        assertThat(bucket.read("obj", null, 0, 500)).isEqualTo(data);
        assertThat(bucket.read("obj", eTag, 490, 100)).as("shorter at the end").isEqualTo(Arrays.copyOfRange(data, 490, 500));
        assertThat(bucket.read("obj", eTag, 500, 10)).isEmpty();
        assertThat(bucket.read("obj", eTag, 0, 0)).isEmpty();
        assertThatThrownBy(() -> bucket.read("obj", "ffffffffffffffffffffffffffffffff", 0, 10))
                .isInstanceOf(S3ObjectChangedException.class);
    }

    @Test
    void headDescribesAnObjectOrNothing() throws Exception {
        byte[] data = bytes(321, 7);
        String eTag = put("obj", data);
        assertThat(eTag).as("a single-part ETag is the MD5, as in S3")
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)));

        Optional<S3ObjectEntry> head = bucket.head("obj");
        assertThat(head).hasValueSatisfying(entry -> {
            assertThat(entry.key()).isEqualTo("obj");
            assertThat(entry.size()).isEqualTo(321);
            assertThat(entry.eTag()).isEqualTo(eTag);
            assertThat(entry.lastModified()).isGreaterThan(0);
        });
        assertThat(bucket.list("", null, true, 10).entries()).containsExactly(head.get());
        assertThat(bucket.head("missing")).isEmpty();
        assertThat(bucket.exists("obj")).isTrue();
        assertThat(bucket.exists("missing")).isFalse();
    }

    @Test
    void copiesOnlyWhileTheETagMatches() throws IOException {
        byte[] data = bytes(200, 8);
        String eTag = put("src", data);

        bucket.copy("src", "archive/src", eTag);
        assertThat(store.get(bucketName, "archive/src")).isEqualTo(data);

        assertThatThrownBy(() -> bucket.copy("src", "archive/other", "ffffffffffffffffffffffffffffffff"))
                .isInstanceOf(S3ObjectChangedException.class);
        assertThat(bucket.exists("archive/other")).isFalse();
        assertThatThrownBy(() -> bucket.copy("missing", "archive/missing", null))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletes() throws IOException {
        put("obj", bytes(1, 9));

        bucket.delete("obj");
        bucket.delete("obj");

        assertThat(bucket.exists("obj")).isFalse();
        assertThat(store.keys(bucketName, "")).isEmpty();
    }

    @Test
    void checkAccessPassesForAnExistingBucketAndPrefix() throws IOException {
        put("in/x", new byte[1]);

        bucket.checkAccess("in/");
        bucket.checkAccess("");
        bucket.checkAccess("nothing-here/");
    }

    @Test
    void checkAccessOfAMissingBucketIsFatalAndNamesIt() {
        S3Bucket missing = open(store.endpoint(), store.secretKey(), "no-such-bucket-here");

        assertThatThrownBy(() -> missing.checkAccess("in/")).isInstanceOf(S3AccessException.class)
                .hasMessageContaining("no-such-bucket-here").hasMessageContaining("in/")
                .hasMessageContaining("does not exist");
    }

    @Test
    void checkAccessWithAWrongSecretIsFatalAndShowsNoSecret() {
        S3Bucket wrong = open(store.endpoint(), "not-the-secret");

        assertThatThrownBy(() -> wrong.checkAccess("")).isInstanceOf(S3AccessException.class)
                .hasMessageContaining(bucketName).hasMessageContaining("403")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret", store.accessKey()));
    }

    @Test
    void checkAccessOfARefusedConnectionIsFatal() throws IOException {
        String closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = "http://127.0.0.1:" + socket.getLocalPort();
        }
        S3Bucket refused = open(closedPort, store.secretKey());

        assertThatThrownBy(() -> refused.checkAccess("")).isInstanceOf(S3AccessException.class)
                .hasMessageContaining(bucketName).hasMessageContaining("connection refused");
    }

    @Test
    void slowDownTwiceIsRetriedInsideTheSdkAndCounted() throws IOException {
        put("p/a", new byte[1]);
        S3FaultProxy proxy = faultProxy();
        S3Bucket throttled = open(proxy.endpoint(), store.secretKey());

        proxy.slowDown(2);
        ListPage page = throttled.list("p/", null, true, 10);

        assertThat(page.entries()).extracting(S3ObjectEntry::key).containsExactly("p/a");
        assertThat(throttled.throttles()).isEqualTo(2);
        assertThat(throttled.requests()).isEqualTo(3);
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void slowDownForeverIsARetriableIOException() {
        S3FaultProxy proxy = faultProxy();
        S3Bucket throttled = open(proxy.endpoint(), store.secretKey());

        proxy.slowDownForever();

        assertThatThrownBy(() -> throttled.list("", null, true, 10))
                .isInstanceOf(IOException.class).isNotInstanceOf(S3AccessException.class)
                .hasMessageContaining("throttled").hasMessageContaining("SlowDown");
        assertThat(throttled.requests()).as("attempts").isEqualTo(S3ClientFactory.MAX_ATTEMPTS);
        assertThat(throttled.throttles()).isEqualTo(S3ClientFactory.MAX_ATTEMPTS);
        assertThatThrownBy(() -> throttled.checkAccess(""))
                .isInstanceOf(IOException.class).isNotInstanceOf(S3AccessException.class);
    }

    @Test
    void abortAllEndsAGetWaitingForItsAnswer() throws Exception {
        String eTag = put("obj", bytes(1000, 10));
        S3FaultProxy proxy = faultProxy();
        S3Bucket reading = open(proxy.endpoint(), store.secretKey());
        proxy.stallObjectGets(S3FaultProxy.Stall.BEFORE_RESPONSE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = reading.open("obj", eTag, 0)) {
                in.readAllBytes();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "stuck-reader");
        reader.start();
        assertThat(proxy.awaitStalled(BOUND)).as("GET held by the proxy").isTrue();

        reading.abortAll();
        reader.join(BOUND.toMillis());

        assertThat(reader.isAlive()).as("reader still blocked after abortAll()").isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
        proxy.release();
        // Aborting ended what was in flight, not the bucket.
        try (InputStream in = reading.open("obj", eTag, 990)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void abortAllEndsAReadBlockedOnTheBody() throws Exception {
        String eTag = put("obj", bytes(1000, 11));
        S3FaultProxy proxy = faultProxy();
        S3Bucket reading = open(proxy.endpoint(), store.secretKey());
        proxy.stallObjectGets(S3FaultProxy.Stall.AFTER_HEADERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (InputStream in = reading.open("obj", eTag, 0)) {
                opened.countDown();
                in.read();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "stuck-reader");
        reader.start();
        assertThat(proxy.awaitStalled(BOUND)).as("body held by the proxy").isTrue();
        // The headers are out; wait until open() has returned them as a stream, so the abort hits the stream.
        assertThat(opened.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("open() returned").isTrue();

        reading.abortAll();
        reader.join(BOUND.toMillis());

        assertThat(reader.isAlive()).as("reader still blocked after abortAll()").isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void closingAPartlyReadStreamDoesNotDownloadTheRest() throws Exception {
        int size = 16 * 1024 * 1024;
        byte[] data = bytes(size, 12);
        String eTag = put("big", data);
        S3FaultProxy proxy = faultProxy();
        S3Bucket reading = open(proxy.endpoint(), store.secretKey());

        // The proxy's count is what crossed the wire; first check it sees a whole read as such.
        try (InputStream in = reading.open("big", eTag, 0)) {
            assertThat(in.readAllBytes()).hasSize(size);
        }
        assertThat(proxy.awaitIdle(BOUND)).isTrue();
        long wholeRead = proxy.bodyBytesSent();
        assertThat(wholeRead).isGreaterThanOrEqualTo(size);

        try (InputStream in = reading.open("big", eTag, 1024)) {
            assertThat(in.readNBytes(1024)).isEqualTo(Arrays.copyOfRange(data, 1024, 2048));
        }
        assertThat(proxy.awaitIdle(BOUND)).as("exchange ended after close()").isTrue();

        long partial = proxy.bodyBytesSent() - wholeRead;
        assertThat(partial).as("body bytes sent for a 1 KiB read of 16 MiB").isLessThan(size / 4);
        assertThat(reading.bytesRead()).isEqualTo(size + 1024L);
    }
}
