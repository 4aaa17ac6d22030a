package dev.billforge.payment.provider.paypal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The parts of PayPal's REST API we use, as PayPal documents them: OAuth2 client credentials, Vault v3 payment
 * tokens, Orders v2 (create, capture), Payments v2 refunds and webhook signature verification. Bodies are JSON trees,
 * not model classes: nothing to register for reflection, and fields PayPal adds do not break us. Every answer is a
 * {@link RestResponse}, whatever its status (the default exception mapper is off; see {@link PayPalProvider}).
 */
@Produces(MediaType.APPLICATION_JSON)
public interface PayPalApi {

    String REQUEST_ID = "PayPal-Request-Id";
    /** Asks for the full resource in the answer (PayPal's default is a minimal one). */
    String PREFER = "Prefer";

    @POST
    @Path("/v1/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<RestResponse<JsonNode>> token(@HeaderParam("Authorization") String basicAuth,
            @FormParam("grant_type") String grantType);

    @GET
    @Path("/v3/vault/payment-tokens/{id}")
    Uni<RestResponse<JsonNode>> paymentToken(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("/v2/checkout/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<JsonNode>> createOrder(@HeaderParam("Authorization") String bearer,
            @HeaderParam(REQUEST_ID) String requestId, @HeaderParam(PREFER) String prefer, JsonNode order);

    @POST
    @Path("/v2/checkout/orders/{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<JsonNode>> captureOrder(@HeaderParam("Authorization") String bearer,
            @HeaderParam(REQUEST_ID) String requestId, @HeaderParam(PREFER) String prefer,
            @PathParam("id") String orderId, JsonNode empty);

    @POST
    @Path("/v2/payments/captures/{id}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<JsonNode>> refundCapture(@HeaderParam("Authorization") String bearer,
            @HeaderParam(REQUEST_ID) String requestId, @HeaderParam(PREFER) String prefer,
            @PathParam("id") String captureId, JsonNode refund);

    /** The body is JSON text we assemble, so the event goes back to PayPal byte for byte as it was delivered. */
    @POST
    @Path("/v1/notifications/verify-webhook-signature")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<JsonNode>> verifyWebhookSignature(@HeaderParam("Authorization") String bearer, String request);
}
