package io.github.schemafirst.connect.registry;

import javax.net.ssl.SSLException;

/**
 * A failed registry call. {@link #status()} is the HTTP status, 0 when no answer came (unreachable, timeout);
 * {@link #errorCode()} and {@link #registryMessage()} are what the registry said in its error body
 * ({@code {"error_code":40401,"message":"..."}}, the same shape from Confluent and from Apicurio's ccompat API).
 *
 * <p>{@link #getMessage()} names the request (method and URL, which hold no secrets: credentials never go into a
 * URL here), the subject and the registry's message, and says what to do about it. It never holds a credential.
 */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Confluent's error codes that callers tell apart (Apicurio's ccompat API uses the same). */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;

    private final int status;
    private final int errorCode;
    private final String registryMessage;
    private final String subject;
    private final String request;

    /**
     * @param request         {@code METHOD URL}, e.g. {@code POST http://registry:8081/subjects/t-value/versions}
     * @param subject         the subject concerned, null for calls about none (e.g. listing subjects)
     * @param status          the HTTP status, 0 when there was no answer
     * @param errorCode       the registry's {@code error_code}, 0 when it gave none
     * @param registryMessage the registry's {@code message} (or the start of a body that was not its JSON), or null
     */
    public RegistryException(String request, String subject, int status, int errorCode, String registryMessage,
                             Throwable cause) {
        super(describe(request, subject, status, errorCode, registryMessage, cause), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
        this.subject = subject;
        this.request = request;
    }

    /** No answer: connection refused, DNS, TLS handshake, timeout. */
    static RegistryException unreachable(String request, String subject, Throwable cause) {
        return new RegistryException(request, subject, 0, 0, null, cause);
    }

    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, 0 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, or null. */
    public String registryMessage() {
        return registryMessage;
    }

    /** The subject concerned, or null. */
    public String subject() {
        return subject;
    }

    /** {@code METHOD URL} of the failed call. */
    public String request() {
        return request;
    }

    /**
     * Worth retrying later: no answer (unreachable, timeout), 408, 429 or a 5xx. A failed TLS handshake is not: the
     * certificate will not become trusted by waiting.
     */
    public boolean isTransient() {
        return (status == 0 && !isTlsFailure(getCause())) || status == 408 || status == 429 || status >= 500;
    }

    /** The registry refused the credentials (401) or what they may do (403). */
    public boolean isAuthFailure() {
        return status == 401 || status == 403;
    }

    private static String describe(String request, String subject, int status, int errorCode, String registryMessage,
                                   Throwable cause) {
        StringBuilder text = new StringBuilder("Schema registry request ").append(request);
        if (subject != null) {
            text.append(" for subject '").append(subject).append('\'');
        }
        if (status == 0) {
            text.append(" got no answer");
            if (cause != null) {
                text.append(" (").append(cause.getClass().getSimpleName());
                if (cause.getMessage() != null) {
                    text.append(": ").append(cause.getMessage());
                }
                text.append(')');
            }
        } else {
            text.append(" failed with HTTP ").append(status);
            if (errorCode != 0 && errorCode != status) {
                text.append(" (error_code ").append(errorCode).append(')');
            }
            if (registryMessage != null && !registryMessage.isBlank()) {
                text.append(": ").append(registryMessage.strip());
            }
        }
        String advice = status == 0 && isTlsFailure(cause)
                ? "The TLS handshake failed: check that the trust store holds the registry's certificate (or its CA)"
                + " and that the URL's host name is one the certificate names"
                : advice(subject, status, errorCode);
        if (!advice.isEmpty()) {
            text.append(text.charAt(text.length() - 1) == '.' ? " " : ". ").append(advice);
        }
        return text.toString();
    }

    private static boolean isTlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String advice(String subject, int status, int errorCode) {
        String theSubject = subject == null ? "the subject" : "subject '" + subject + "'";
        if (status == 0) {
            return "Check the registry URL and that the registry is running; the call can be retried later";
        }
        if (status == 401) {
            return "The registry did not accept the credentials: check the basic auth user info or bearer token";
        }
        if (status == 403) {
            return "The credentials are valid but may not do this on " + theSubject
                    + ": grant them access in the registry or use other credentials";
        }
        if (status == 404) {
            if (errorCode == SUBJECT_NOT_FOUND) {
                return "The registry has no " + theSubject + ": check its name and the subject name strategy";
            }
            if (errorCode == VERSION_NOT_FOUND) {
                return "The registry has no such version under " + theSubject;
            }
            if (errorCode == SCHEMA_NOT_FOUND) {
                return "The registry has no such schema under " + theSubject;
            }
            return "Check that the registry URL is the API root (for Apicurio: .../apis/ccompat/v7)";
        }
        if (status == 409) {
            return "The document is not compatible with the versions under " + theSubject
                    + " at the subject's compatibility level: change the document compatibly, or change the"
                    + " subject's compatibility level in the registry";
        }
        if (status == 422) {
            if (errorCode == INVALID_SCHEMA) {
                return "The registry finds the schema document invalid: fix the document";
            }
            if (errorCode == INVALID_VERSION) {
                return "The version must be 'latest' or a number from 1";
            }
            return "The registry refused the request as invalid";
        }
        if (status == 408 || status == 429) {
            return "The registry is busy; the call can be retried later";
        }
        if (status >= 500) {
            return "The registry (or a proxy in front of it) failed; the call can be retried later, and the"
                    + " registry's log may say more";
        }
        return "";
    }
}
