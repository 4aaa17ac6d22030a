package dev.billforge.console.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the five services answer, how long and how often the console calls them, and its form-signing key. */
@ConfigMapping(prefix = "billforge.console")
public interface ConsoleConfig {

    /** Base URL of each service's REST API, keyed by service name ({@link BillingService#serviceName()}). */
    Map<String, URI> services();

    Duration upstreamTimeout();

    /** The most REST calls one request to the console may make (a page of 50 subscriptions with its customers,
     * plans and latest invoices makes 3; each list nested under a list costs a call per parent). */
    int maxCallsPerRequest();

    /** Signs the web console's CSRF tokens (base64, 32 bytes); every replica must share it. */
    Optional<String> csrfKey();

    default URI baseUri(BillingService service) {
        URI uri = services().get(service.serviceName());
        if (uri == null) {
            throw new IllegalStateException("billforge.console.services." + service.serviceName() + " is not set");
        }
        return uri;
    }
}
