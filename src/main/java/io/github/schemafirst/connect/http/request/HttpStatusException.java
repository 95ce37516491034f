package io.github.schemafirst.connect.http.request;

import org.apache.kafka.connect.errors.ConnectException;

/** A status that retrying cannot fix: a 4xx other than 429, or a 401 that fresh credentials did not cure. */
public final class HttpStatusException extends ConnectException {
    private final int status;

    public HttpStatusException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
