package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of one GET as handed to the caller. It exists for three reasons:
 * <ul>
 *   <li>closing before the end aborts the connection: the Apache client's {@code close()} reads the rest of the body
 *   to reuse the connection, so a source resuming a 5 GB object near its start would download all of it when it
 *   stops;</li>
 *   <li>another thread can {@link #abort()} it (a task being stopped while a read hangs);</li>
 *   <li>it counts the bytes delivered.</li>
 * </ul>
 */
final class ObjectStream extends InputStream {
    private final ResponseInputStream<GetObjectResponse> body;
    private final String uri;
    private final AtomicLong bytesRead;
    private final Consumer<ObjectStream> onClose;
    private volatile boolean aborted;
    private boolean ended;
    private boolean closed;

    ObjectStream(ResponseInputStream<GetObjectResponse> body, String uri, AtomicLong bytesRead,
                 Consumer<ObjectStream> onClose) {
        this.body = body;
        this.uri = uri;
        this.bytesRead = bytesRead;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkOpen();
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            n = body.read(buffer, offset, length);
        } catch (IOException | SdkException e) {
            if (aborted) {
                throw new InterruptedIOException("Read of " + uri + " aborted");
            }
            // A reset connection or a socket timeout: the caller may resume from what it has.
            throw e instanceof IOException ? (IOException) e : new IOException("Read of " + uri + " failed", e);
        }
        if (n < 0) {
            ended = true;
        } else {
            bytesRead.addAndGet(n);
        }
        return n;
    }

    private void checkOpen() throws IOException {
        if (aborted) {
            throw new InterruptedIOException("Read of " + uri + " aborted");
        }
        if (closed) {
            throw new IOException("Stream of " + uri + " is closed");
        }
    }

    /** Ends the transfer at once, from any thread; a blocked {@code read} fails with an InterruptedIOException. */
    void abort() {
        aborted = true;
        body.abort();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!ended) {
                body.abort();
            }
            body.close();
        } catch (IOException | SdkException e) {
            // Closing an aborted connection may complain; there is nothing left to release.
        } finally {
            onClose.accept(this);
        }
    }
}
