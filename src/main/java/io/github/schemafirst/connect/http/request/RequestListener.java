package io.github.schemafirst.connect.http.request;

/** What the task's metrics learn of each attempt; called on the thread that polls the call (the task's). */
public interface RequestListener {
    RequestListener NONE = new RequestListener() {
        @Override
        public void responded(int status, long nanos) {
        }

        @Override
        public void failedWithoutResponse(long nanos) {
        }

        @Override
        public void retryScheduled() {
        }
    };

    /** An attempt got a response (after its redirects), with the time from sending to the response. */
    void responded(int status, long nanos);

    /** An attempt got no response: connection error, timeout. */
    void failedWithoutResponse(long nanos);

    /** A failed attempt will be retried. */
    void retryScheduled();
}
