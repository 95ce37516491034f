package io.github.schemafirst.connect.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 forwarding proxy in front of an S3 endpoint (s3proxy) that injects the faults a real store
 * shows now and then: throttling (503 SlowDown) and object GETs that hang. Requests are forwarded byte for byte
 * (only {@code Connection} is rewritten, which SigV4 does not sign), so signatures made for the proxy's own
 * address still verify; one request per connection. Path-style addressing only (the bucket is in the path).
 */
public final class S3FaultProxy implements Closeable {
    /** Where an object GET stops. */
    public enum Stall {
        /** The request is held before it is forwarded: the client waits for response headers. */
        BEFORE_RESPONSE,
        /** The status line and headers are sent, then the body is held: the client blocks reading the body. */
        AFTER_HEADERS
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slowDownsLeft = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final Semaphore stalledRequests = new Semaphore(0);
    private final Object activityLock = new Object();
    private int activeExchanges;
    private volatile Stall stall;
    private volatile CountDownLatch release = new CountDownLatch(0);

    private S3FaultProxy(ServerSocket server, String upstreamHost, int upstreamPort) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.acceptor = new Thread(this::acceptLoop, "s3-fault-proxy-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a proxy on a free loopback port in front of {@code http://host:port}. */
    public static S3FaultProxy start(String upstreamEndpoint) {
        java.net.URI upstream = java.net.URI.create(upstreamEndpoint);
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new S3FaultProxy(server, upstream.getHost(), upstream.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Answers the next {@code count} requests, whatever they are, with 503 SlowDown. */
    public void slowDown(int count) {
        slowDownsLeft.set(count);
    }

    /** Answers every request with 503 SlowDown until {@link #slowDown(int) slowDown(0)}. */
    public void slowDownForever() {
        slowDownsLeft.set(Integer.MAX_VALUE);
    }

    /** Makes object GETs (not listings) stall as given until {@link #release()}. */
    public void stallObjectGets(Stall where) {
        release = new CountDownLatch(1);
        stall = where;
    }

    /** Lets stalled GETs go on, and stops stalling new ones. */
    public void release() {
        stall = null;
        release.countDown();
    }

    /** Waits until a request is held by a stall (so a test knows its reader is stuck), up to the timeout. */
    public boolean awaitStalled(Duration timeout) throws InterruptedException {
        return stalledRequests.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until no request is being forwarded or answered, up to the timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (activityLock) {
            while (activeExchanges > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(activityLock, left);
            }
            return true;
        }
    }

    /** Requests received, SlowDown answers included. */
    public long requests() {
        return requests.get();
    }

    /** Response body bytes written to clients (headers not counted). */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    @Override
    public void close() {
        release();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            Thread handler = new Thread(() -> exchange(client), "s3-fault-proxy-exchange");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void exchange(Socket client) {
        synchronized (activityLock) {
            activeExchanges++;
        }
        Socket upstream = null;
        try {
            // A small send buffer keeps what the kernel holds for a client that stopped reading small, so that
            // bodyBytesSent() is close to what the client really took.
            client.setSendBufferSize(64 * 1024);
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            byte[] head = readHead(fromClient);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            Request request = Request.parse(head);
            byte[] body = fromClient.readNBytes((int) request.contentLength);
            if (takeSlowDown()) {
                writeSlowDown(toClient);
                return;
            }
            Stall stallNow = request.isObjectGet() ? stall : null;
            CountDownLatch releaseNow = release;
            if (stallNow == Stall.BEFORE_RESPONSE) {
                stalledRequests.release();
                releaseNow.await();
            }
            upstream = new Socket(upstreamHost, upstreamPort);
            sockets.add(upstream);
            OutputStream toUpstream = upstream.getOutputStream();
            toUpstream.write(request.forwardedHead());
            toUpstream.write(body);
            toUpstream.flush();
            InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
            byte[] responseHead = readHead(fromUpstream);
            if (responseHead == null) {
                return;
            }
            toClient.write(responseHead);
            toClient.flush();
            if (stallNow == Stall.AFTER_HEADERS) {
                stalledRequests.release();
                releaseNow.await();
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = fromUpstream.read(buffer)) >= 0) {
                toClient.write(buffer, 0, n);
                bodyBytesSent.addAndGet(n);
            }
            toClient.flush();
        } catch (SocketException e) {
            // the client gave up (aborted) or the proxy is closing
        } catch (IOException e) {
            // a broken exchange: the client sees the connection end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            if (upstream != null) {
                closeQuietly(upstream);
            }
            synchronized (activityLock) {
                activeExchanges--;
                activityLock.notifyAll();
            }
        }
    }

    private boolean takeSlowDown() {
        while (true) {
            int left = slowDownsLeft.get();
            if (left <= 0) {
                return false;
            }
            if (left == Integer.MAX_VALUE || slowDownsLeft.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    private static void writeSlowDown(OutputStream out) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message><RequestId>FAULTPROXY</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Slow Down\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads up to and including the blank line that ends an HTTP head; null at end of stream before any byte. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == HEAD_END.length) {
                return head.toByteArray();
            }
        }
        if (head.size() == 0) {
            return null;
        }
        throw new IOException("Connection ended inside an HTTP head");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** The parts of a request head the proxy looks at. */
    private static final class Request {
        final String method;
        final String target;
        final List<String> headerLines;
        final long contentLength;

        private Request(String method, String target, List<String> headerLines, long contentLength) {
            this.method = method;
            this.target = target;
            this.headerLines = headerLines;
            this.contentLength = contentLength;
        }

        static Request parse(byte[] head) throws IOException {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                throw new IOException("Bad request line: " + lines[0]);
            }
            List<String> headers = new ArrayList<>();
            long contentLength = 0;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    continue;
                }
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                if (name.equals("transfer-encoding")) {
                    throw new IOException("Chunked request bodies are not supported by this proxy");
                }
                if (name.equals("content-length")) {
                    contentLength = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                if (!name.equals("connection") && !name.equals("expect")) {
                    headers.add(line);
                }
            }
            return new Request(requestLine[0], requestLine[1], headers, contentLength);
        }

        /** A GET of an object's data: {@code /bucket/key...}, not a listing ({@code /bucket?list-type=2}). */
        boolean isObjectGet() {
            if (!method.equals("GET")) {
                return false;
            }
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            int keyStart = path.indexOf('/', 1);
            return keyStart > 0 && keyStart < path.length() - 1;
        }

        byte[] forwardedHead() {
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            // One request per connection: the upstream closes after its answer, which is how the proxy knows the
            // response ended, and says so to the client.
            head.append("Connection: close\r\n\r\n");
            return head.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
