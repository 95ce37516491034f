package io.github.schemafirst.connect.net;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking exchange held to the same bounds as data requests: the whole response (headers and body) within
 * {@code timeout}, the body read up to {@code maxBytes}. For side requests such as the OAuth2 token request, and for
 * the schema registry client.
 */
public final class BoundedExchange {
    private BoundedExchange() {
    }

    /**
     * @throws HttpTimeoutException when the response is not complete within {@code timeout}
     * @throws IOException          on connection errors, and when the body is longer than {@code maxBytes}
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout, long maxBytes)
            throws IOException, InterruptedException {
        HttpResponse<ResponseBody> response = exchange(client, request, timeout, maxBytes);
        if (response.body().overLimit()) {
            throw new IOException(request.uri() + ": " + response.body().overLimitReason("http.response.max.bytes"));
        }
        return new BytesResponse(response);
    }

    /**
     * Like {@link #send} but a body over {@code maxBytes} is not an error: the response says so
     * ({@link ResponseBody#overLimit()}) and keeps the body's first bytes, for messages.
     *
     * @throws HttpTimeoutException when the response is not complete within {@code timeout}
     * @throws IOException          on connection errors
     */
    public static HttpResponse<ResponseBody> exchange(HttpClient client, HttpRequest request, Duration timeout,
                                                      long maxBytes) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<ResponseBody>> future =
                client.sendAsync(request, ResponseBody.handler(maxBytes));
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response from " + request.uri() + " within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        }
    }

    /** The same response with the body as plain bytes. */
    private static final class BytesResponse implements HttpResponse<byte[]> {
        private final HttpResponse<ResponseBody> response;

        BytesResponse(HttpResponse<ResponseBody> response) {
            this.response = response;
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public byte[] body() {
            return response.body().bytes();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public java.net.URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }
}
