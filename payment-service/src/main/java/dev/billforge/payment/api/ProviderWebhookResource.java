package dev.billforge.payment.api;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.ratelimit.ProviderWebhookEndpoint;
import dev.billforge.payment.provider.WebhookDelivery;
import dev.billforge.payment.service.ProviderWebhooks;

/**
 * Where providers deliver their webhook events, one URL per provider and tenant (the tenant registers it in the
 * provider's dashboard): {@code /v1/webhooks/stripe/{tenant}}, {@code /v1/webhooks/paypal/{tenant}}. No bearer
 * token: the provider's signature over the raw body is the authentication, checked by the provider's plugin.
 * Deliveries count against the tenant's own {@code provider-webhooks} quota (chassis rate limits).
 */
@Path("/v1/webhooks")
@PermitAll
@ProviderWebhookEndpoint
public class ProviderWebhookResource {

    /** The acknowledgement body; any 2xx stops the provider's retries. */
    public record Received(boolean received) {
    }

    private final ProviderWebhooks webhooks;

    public ProviderWebhookResource(ProviderWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The body is taken as the exact text the provider signed; it is parsed only after the signature checks out. */
    @POST
    @Path("/{provider}/{tenant}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Received> receive(@RestPath String provider, @RestPath String tenant, HttpHeaders headers,
            String payload) {
        Map<String, String> firstValues = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                firstValues.put(name, values.get(0));
            }
        });
        return webhooks.receive(provider, tenant, new WebhookDelivery(tenant, payload == null ? "" : payload,
                firstValues))
                .replaceWith(new Received(true));
    }
}
