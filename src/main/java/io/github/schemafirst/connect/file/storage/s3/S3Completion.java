package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a read object, or moves it under another prefix of the same bucket: a copy pinned to the ETag that was
 * read, then the delete, so an object overwritten meanwhile is neither moved nor deleted unread (the copy fails
 * and the object stays, to be read as the new object it is). A moved object keeps its name below the listed
 * prefix and never replaces an object already there: it gets a -1, -2, ... suffix before its extension.
 */
final class S3Completion implements Completion {
    private static final Logger log = LoggerFactory.getLogger(S3Completion.class);
    private static final int MAX_SUFFIX = 1_000;

    private final S3Bucket bucket;
    private final CompletionAction action;
    /** Where moved objects go; null unless the action is move. */
    private final S3Location target;

    S3Completion(S3Bucket bucket, CompletionAction action, S3Location target) {
        this.bucket = bucket;
        this.action = action;
        this.target = target;
    }

    @Override
    public CompletionAction action() {
        return action;
    }

    @Override
    public String complete(StoredFile stored, String description) throws IOException {
        S3File file = (S3File) stored;
        switch (action) {
            case DELETE:
                bucket.delete(file.objectKey());
                log.info("Deleted {}: {}", file, description);
                return file.location();
            case MOVE:
                String to = freeKey(file.name());
                try {
                    bucket.copy(file.objectKey(), to, file.etag());
                } catch (S3ObjectChangedException e) {
                    throw S3ObjectSource.changed(file, e);
                }
                bucket.delete(file.objectKey());
                String moved = target.uri(to);
                log.info("Moved {} to {}: {}", file, moved, description);
                return moved;
            case NONE:
            default:
                return file.location();
        }
    }

    /**
     * A key under the target prefix no object holds yet. Another task moving an object of the same name at the same
     * moment could still take it (S3 has no create-if-absent for copies everywhere): names below one prefix are
     * unique, so that needs two objects of one name from different prefixes completed in the same instant.
     */
    private String freeKey(String name) throws IOException {
        int slash = name.lastIndexOf('/');
        String dir = name.substring(0, slash + 1);
        String base = name.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String extension = dot > 0 ? base.substring(dot) : "";
        for (int suffix = 0; suffix < MAX_SUFFIX; suffix++) {
            String key = target.prefix() + dir + (suffix == 0 ? base : stem + "-" + suffix + extension);
            if (!bucket.exists(key)) {
                return key;
            }
        }
        throw new IOException("no free name for " + name + " under " + target.uri(target.prefix()));
    }
}
