package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import io.github.schemafirst.connect.net.TlsLoopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a server whose certificate only a custom trust store vouches for (made with the JDK's keytool). */
class TrustStoreTest {
    @TempDir
    static Path dir;
    static TlsLoopback tls;
    static Path truststore;
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        tls = TlsLoopback.start(dir);
        truststore = tls.truststore();
        tls.server().createContext("/secure", exchange -> {
            requests.incrementAndGet();
            byte[] body = "[\"over tls\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        if (tls != null) {
            tls.close();
        }
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", tls.url("/secure"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static HttpSourceTask start(Map<String, String> props) {
        HttpSourceTask task = new HttpSourceTask();
        task.start(props);
        return task;
    }

    @Test
    void aCustomTrustStoreLetsTheTaskReadTheServer() throws Exception {
        HttpSourceTask task = start(config("http.ssl.truststore.location", truststore.toString(),
                "http.ssl.truststore.password", TlsLoopback.TRUSTSTORE_PASSWORD, "http.ssl.truststore.type", "PKCS12"));
        try {
            List<SourceRecord> records = task.poll();
            assertThat(records).extracting(SourceRecord::value).containsExactly("over tls");
        } finally {
            task.stop();
        }
    }

    @Test
    void withoutItTheTaskFailsAtOnceNamingTheTrustStoreKey() {
        int before = requests.get();
        HttpSourceTask task = start(config());
        try {
            assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageContaining("http.ssl.truststore.location");
            assertThat(requests.get()).isEqualTo(before);
        } finally {
            task.stop();
        }
    }

    @Test
    void validationReportsAWrongPasswordOnTheLocation() {
        Map<String, List<String>> problems = HttpConfigValidation.check(new HttpSourceConfig(config(
                "http.ssl.truststore.location", truststore.toString(), "http.ssl.truststore.password", "wrong")));
        assertThat(problems).containsOnlyKeys("http.ssl.truststore.location");
        assertThat(problems.get("http.ssl.truststore.location").get(0)).startsWith("cannot load it as PKCS12");
    }
}
