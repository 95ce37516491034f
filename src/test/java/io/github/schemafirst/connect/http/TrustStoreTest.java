package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
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
    static Path truststore;
    static HttpsServer server;
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "serverpw");
        keytool("-exportcert", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "serverpw",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", "trustpw");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "serverpw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "serverpw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/secure", exchange -> {
            requests.incrementAndGet();
            byte[] body = "[\"over tls\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", "https://127.0.0.1:" + server.getAddress().getPort() + "/secure");
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
                "http.ssl.truststore.password", "trustpw", "http.ssl.truststore.type", "PKCS12"));
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
