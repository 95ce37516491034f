package io.github.schemafirst.connect.file.storage.s3;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts HTTP attempts and throttled answers as the SDK sees them, retries included: the SDK retries a 503 SlowDown
 * quietly, and a source that is being throttled should be able to say so (a metric) even when every call succeeds
 * in the end.
 */
final class RequestCounter implements ExecutionInterceptor {
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();

    /** Once per attempt (each retry is another attempt). */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    /**
     * Once per attempt that got an answer: 503 is S3's SlowDown (and ServiceUnavailable, its other way of asking
     * for less), 429 the TooManyRequests of S3-compatible stores.
     */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (isThrottlingStatus(context.httpResponse().statusCode())) {
            throttles.incrementAndGet();
        }
    }

    /**
     * The error code is only known once the last answer was parsed: a throttling code ("Throttling", "SlowDown",
     * ...) under another status is counted here, once, for the final attempt.
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (failure instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) failure;
            if (service.isThrottlingException() && !isThrottlingStatus(service.statusCode())) {
                throttles.incrementAndGet();
            }
        }
    }

    static boolean isThrottlingStatus(int status) {
        return status == 503 || status == 429;
    }

    long attempts() {
        return attempts.get();
    }

    long throttles() {
        return throttles.get();
    }
}
