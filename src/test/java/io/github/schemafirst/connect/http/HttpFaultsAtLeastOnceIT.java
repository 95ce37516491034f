package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.it.ConnectStack;

/** {@link HttpFaultsIT} on a worker without exactly-once source support: at least once, nothing lost. */
class HttpFaultsAtLeastOnceIT extends HttpFaultsIT {

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        // the builder's defaults: exactly.once.source.support stays disabled
    }

    @Override
    protected boolean exactlyOnce() {
        return false;
    }
}
