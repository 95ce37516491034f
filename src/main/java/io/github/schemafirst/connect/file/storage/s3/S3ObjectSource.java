package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.file.read.ByteSource;
import io.github.schemafirst.connect.file.read.TruncatedFileException;
import io.github.schemafirst.connect.file.storage.StoredFileChangedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's bytes for a reader: one ranged GET per stream, pinned to the ETag that was listed, so a resumed read
 * starts at the committed byte without downloading what came before, and an object overwritten mid-read is noticed
 * rather than read as a mixture. Closing a stream aborts its GET instead of draining the rest of the object.
 */
final class S3ObjectSource implements ByteSource {
    private final S3Bucket bucket;
    private final S3File file;
    private InputStream current;

    S3ObjectSource(S3Bucket bucket, S3File file) {
        this.bucket = bucket;
        this.file = file;
    }

    @Override
    public InputStream streamAt(long offset) throws IOException {
        closeCurrent();
        if (offset > file.size()) {
            throw new TruncatedFileException(file.name() + " has " + file.size() + " bytes, fewer than the resume "
                    + "position " + offset);
        }
        try {
            current = new SdkFailures(bucket.open(file.objectKey(), file.etag(), offset), file);
        } catch (S3ObjectChangedException e) {
            throw changed(file, e);
        }
        return current;
    }

    @Override
    public long size() {
        return file.size();
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            InputStream closing = current;
            current = null;
            closing.close();
        }
    }

    static StoredFileChangedException changed(S3File file, IOException cause) {
        return new StoredFileChangedException(file + " no longer has ETag " + file.etag() + ": " + cause.getMessage(),
                cause);
    }

    /**
     * The SDK reports a connection lost mid-body (or aborted by a stopping task) as an unchecked exception: here it
     * becomes the IOException a reader handles (the object is tried again later), not a crash of the task.
     */
    private static final class SdkFailures extends FilterInputStream {
        private final S3File file;

        SdkFailures(InputStream in, S3File file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }

        private IOException failed(RuntimeException e) {
            return new IOException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }
}
