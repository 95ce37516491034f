package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.file.storage.StoredFile;

/**
 * An object under the listed prefix. Its identity (source partition) is its {@code s3://bucket/key} URI: an object
 * cannot be renamed, only copied, and the ETag in each offset tells an overwritten object from the one read.
 */
final class S3File extends StoredFile {
    private final String objectKey;

    S3File(String uri, String objectKey, String name, long size, long modifiedMillis, String etag) {
        super(uri, null, uri, name, size, modifiedMillis, etag);
        this.objectKey = objectKey;
    }

    String objectKey() {
        return objectKey;
    }
}
