package io.github.schemafirst.connect.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context for a custom trust store. There is deliberately no way to turn verification off. */
public final class TrustStores {
    private TrustStores() {
    }

    /**
     * @throws IOException              when the file cannot be read or the password is wrong
     * @throws GeneralSecurityException when the store type is unknown or the store is unusable
     */
    public static SSLContext sslContext(Path location, String password, String type)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(location)) {
            store.load(in, password == null || password.isEmpty() ? null : password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
