package dev.billforge.payment.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.billforge.payment.gateway.PayPalTransmission;
import dev.billforge.payment.service.ProviderWebhooks;

/**
 * Where providers deliver their webhook events, one URL per tenant (the tenant registers it in the provider's
 * dashboard). No bearer token: the provider's signature over the raw body is the authentication.
 */
@Path("/v1/webhooks")
@PermitAll
public class ProviderWebhookResource {

    /** The acknowledgement body; any 2xx stops the provider's retries. */
    public record Received(boolean received) {
    }

    private final ProviderWebhooks webhooks;

    public ProviderWebhookResource(ProviderWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The body is taken as the exact text Stripe signed; it is parsed only after the signature checks out. */
    @POST
    @Path("/stripe/{tenant}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Received> stripe(@RestPath String tenant, @RestHeader("Stripe-Signature") String signature,
            String payload) {
        return webhooks.receiveStripe(tenant, payload, signature).replaceWith(new Received(true));
    }

    /** PayPal's delivery: its transmission headers and the event, passed to PayPal's own verification. */
    @POST
    @Path("/paypal/{tenant}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Received> paypal(@RestPath String tenant, @RestHeader("PAYPAL-TRANSMISSION-ID") String transmissionId,
            @RestHeader("PAYPAL-TRANSMISSION-TIME") String transmissionTime,
            @RestHeader("PAYPAL-TRANSMISSION-SIG") String signature, @RestHeader("PAYPAL-CERT-URL") String certUrl,
            @RestHeader("PAYPAL-AUTH-ALGO") String authAlgo, String payload) {
        return webhooks.receivePayPal(tenant, payload, new PayPalTransmission(transmissionId, transmissionTime,
                signature, certUrl, authAlgo)).replaceWith(new Received(true));
    }
}
