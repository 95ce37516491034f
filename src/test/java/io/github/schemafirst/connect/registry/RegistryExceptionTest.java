package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryExceptionTest {
    private static final String REQUEST = "POST http://registry:8081/subjects/orders-value/versions";

    private static RegistryException answered(int status, int errorCode, String message) {
        return new RegistryException(REQUEST, "orders-value", status, errorCode, message, null);
    }

    @Test
    void theMessageNamesRequestSubjectStatusCodeAndTheRegistrysWords() {
        RegistryException e = answered(422, 42201, "Invalid schema: missing field name");
        assertThat(e.getMessage()).isEqualTo("Schema registry request " + REQUEST + " for subject 'orders-value'"
                + " failed with HTTP 422 (error_code 42201): Invalid schema: missing field name."
                + " The registry finds the schema document invalid: fix the document");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errorCode()).isEqualTo(42201);
        assertThat(e.registryMessage()).isEqualTo("Invalid schema: missing field name");
        assertThat(e.subject()).isEqualTo("orders-value");
        assertThat(e.request()).isEqualTo(REQUEST);
    }

    @Test
    void credentialsProblemsSaySo() {
        assertThat(answered(401, 40101, "Unauthorized").getMessage())
                .contains("HTTP 401 (error_code 40101): Unauthorized")
                .contains("did not accept the credentials: check the basic auth user info or bearer token");
        assertThat(answered(403, 40301, "User is denied operation Write").getMessage())
                .contains("User is denied operation Write")
                .contains("may not do this on subject 'orders-value'");
        assertThat(answered(401, 0, null).isAuthFailure()).isTrue();
        assertThat(answered(403, 0, null).isAuthFailure()).isTrue();
        assertThat(answered(404, 40401, null).isAuthFailure()).isFalse();
    }

    @Test
    void notFoundExplainsWhatIsMissing() {
        assertThat(answered(404, 40401, "Subject 'orders-value' not found.").getMessage())
                .contains("The registry has no subject 'orders-value'");
        assertThat(answered(404, 40402, "Version 7 not found.").getMessage())
                .contains("no such version under subject 'orders-value'");
        assertThat(answered(404, 0, "HTTP 404 Not Found").getMessage())
                .contains("Check that the registry URL is the API root (for Apicurio: .../apis/ccompat/v7)");
    }

    @Test
    void incompatibleSaysHowToMoveOn() {
        String message = answered(409, 409, "Schema being registered is incompatible with an earlier schema")
                .getMessage();
        assertThat(message)
                .contains("failed with HTTP 409: Schema being registered is incompatible")
                .doesNotContain("error_code 409") // the same number twice says nothing
                .contains("change the document compatibly, or change the subject's compatibility level");
    }

    @Test
    void serverErrorsAndThrottlingAreTransient() {
        assertThat(answered(500, 50001, "Error in the backend data store").isTransient()).isTrue();
        assertThat(answered(503, 0, null).getMessage()).contains("can be retried later");
        assertThat(answered(429, 42901, "Rate limit").isTransient()).isTrue();
        assertThat(answered(409, 409, null).isTransient()).isFalse();
        assertThat(answered(422, 42201, null).isTransient()).isFalse();
        assertThat(answered(401, 0, null).isTransient()).isFalse();
    }

    @Test
    void noAnswerIsStatusZeroAndTransient() {
        RegistryException e = RegistryException.unreachable(REQUEST, "orders-value",
                new ConnectException("Connection refused"));
        assertThat(e.status()).isZero();
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Schema registry request " + REQUEST + " for subject 'orders-value'"
                + " got no answer (ConnectException: Connection refused). Check the registry URL and that the"
                + " registry is running; the call can be retried later");
    }

    @Test
    void aFailedTlsHandshakeIsNotTransientAndPointsAtTheTrustStore() {
        RegistryException e = RegistryException.unreachable(REQUEST, null,
                new SSLHandshakeException("PKIX path building failed"));
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("PKIX path building failed").contains("check that the trust store");
    }

    @Test
    void aRegistryMessageEndingInAPeriodGetsNoSecondOne() {
        assertThat(answered(422, 42201, "Failed to discover artifact type from content.").getMessage())
                .contains("from content. The registry finds the schema document invalid");
    }

    @Test
    void aCallAboutNoSubjectNamesNone() {
        assertThat(new RegistryException("GET http://registry:8081/subjects", null, 500, 0, "boom", null)
                .getMessage()).startsWith("Schema registry request GET http://registry:8081/subjects failed with");
    }
}
