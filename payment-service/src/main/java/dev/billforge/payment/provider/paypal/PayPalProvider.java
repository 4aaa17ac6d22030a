package dev.billforge.payment.provider.paypal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.ratelimit.RateLimiter;
import dev.billforge.payment.domain.Card;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.provider.ChargeRequest;
import dev.billforge.payment.provider.ChargeResult;
import dev.billforge.payment.provider.CustomerProfile;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.ProviderCredentials;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.provider.ProviderException.Kind;
import dev.billforge.payment.provider.ProviderException;
import dev.billforge.payment.provider.RefundRequest;
import dev.billforge.payment.provider.RefundResult;
import dev.billforge.payment.provider.WebhookDelivery;
import dev.billforge.payment.provider.WebhookSignatureInvalid;

/**
 * PayPal through the Quarkus REST client ({@link PayPalApi}) rather than PayPal's Java server SDK: the SDK declares
 * version ranges for its core libraries (builds would not be reproducible), brings OkHttp and reflection-heavy
 * models that native compilation would need registering one by one, and blocks; this client is reactive, native
 * ready and speaks the same documented wire format.
 * <p>
 * Each tenant's REST app gets OAuth2 access tokens by client credentials, cached until shortly before they expire.
 * A vaulted payment token (Vault v3) is charged by an order created and then captured (Orders v2), each request with
 * a {@code PayPal-Request-Id} derived from the attempt's idempotency key: PayPal answers a repeated id with the first
 * result, so a timeout retried never charges twice. Refunds go to the capture, with the refund's own request id.
 */
@ApplicationScoped
public class PayPalProvider implements PaymentProvider {

    public static final String NAME = "paypal";
    /** The failure code of a charge or refund refused for the tenant\'s credentials (the API error code too). */
    static final String CREDENTIALS_REFUSED = ErrorCode.PROVIDER_CREDENTIALS_REFUSED.wireName();
    private static final Logger LOG = Logger.getLogger(PayPalProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPRESENTATION = "return=representation";
    /** A token is renewed this long before PayPal says it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private final boolean enabled;
    private final RateLimiter limiter;
    private final int verificationsPerMinute;
    private final PayPalApi sandbox;
    private final PayPalApi live;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private record AccessToken(String bearer, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() < expiresAtNanos;
        }
    }

    public PayPalProvider(PayPalConfig config, RateLimiter limiter) {
        this.limiter = limiter;
        this.verificationsPerMinute = config.verificationsPerMinute();
        this.enabled = config.enabled().orElse(true);
        this.sandbox = client(config.sandboxApiBase(), config);
        this.live = client(config.liveApiBase(), config);
    }

    private static PayPalApi client(String base, PayPalConfig config) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(base))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Every status comes back as a RestResponse: PayPal's error bodies say what went wrong.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(PayPalApi.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Class<PayPalAccountRequest> credentialsRequest() {
        return PayPalAccountRequest.class;
    }

    @Override
    public PayPalCredentials credentialsFrom(Map<String, Object> document) {
        return PayPalCredentials.from(document);
    }

    /** PayPal keeps its own customer with each vaulted token: there is nothing to create first. */
    @Override
    public Uni<String> createCustomer(ProviderCredentials credentials, CustomerProfile customer) {
        return Uni.createFrom().nullItem();
    }

    /** Looks the Vault v3 payment token up: what it stands for, or null (the item) when PayPal does not know it. */
    @Override
    public Uni<Card> attach(ProviderCredentials credentials, String providerCustomerId, String providerToken) {
        PayPalCredentials app = paypal(credentials);
        return bearer(app).chain(bearer -> api(app).paymentToken(bearer, providerToken)).map(response -> {
            if (response.getStatus() == 404) {
                return null;
            }
            JsonNode token = ok(response, app, "payment token");
            JsonNode card = token.path("payment_source").path("card");
            if (!card.isMissingNode()) {
                return new Card(card.path("brand").asText("card").toLowerCase(java.util.Locale.ROOT),
                        card.path("last_digits").asText(""));
            }
            return Card.paypalWallet();
        });
    }

    @Override
    public Uni<ChargeResult> charge(ProviderCredentials credentials, ChargeRequest request) {
        PayPalCredentials app = paypal(credentials);
        ObjectNode order = JSON.createObjectNode().put("intent", "CAPTURE");
        ObjectNode unit = order.putArray("purchase_units").addObject()
                .put("reference_id", request.invoiceId().toString())
                .put("custom_id", request.paymentId().toString())
                .put("description", request.description());
        unit.putObject("amount").put("currency_code", request.currency())
                .put("value", PayPalAmounts.decimal(request.amount(), request.currency()));
        ObjectNode source = order.putObject("payment_source").putObject(request.wallet() ? "paypal" : "card")
                .put("vault_id", request.providerToken());
        if (!request.wallet()) { // a saved card charged without the customer: a merchant-initiated, unscheduled charge
            source.putObject("stored_credential").put("payment_initiator", "MERCHANT").put("usage", "SUBSEQUENT")
                    .put("payment_type", "UNSCHEDULED");
        }
        return bearer(app).chain(bearer -> api(app).createOrder(bearer, request.idempotencyKey() + "_order",
                REPRESENTATION, order).chain(created -> {
                    if (created.getStatus() / 100 != 2) {
                        return Uni.createFrom().item(refused(created, app, null));
                    }
                    JsonNode body = created.getEntity();
                    if ("COMPLETED".equals(body.path("status").asText())) { // captured as the order was created
                        return Uni.createFrom().item(captureOutcome(body, body.path("id").asText()));
                    }
                    String orderId = body.path("id").asText();
                    return api(app).captureOrder(bearer, request.idempotencyKey() + "_capture", REPRESENTATION,
                            orderId, JSON.createObjectNode())
                            .map(captured -> captured.getStatus() / 100 == 2
                                    ? captureOutcome(captured.getEntity(), orderId)
                                    : refused(captured, app, orderId));
                }))
                .onFailure(failure -> !(failure instanceof ProviderException)).transform(PayPalProvider::unreachable);
    }

    @Override
    public Uni<RefundResult> refund(ProviderCredentials credentials, RefundRequest request) {
        PayPalCredentials app = paypal(credentials);
        ObjectNode body = JSON.createObjectNode().put("custom_id", request.refundId().toString());
        body.putObject("amount").put("currency_code", request.currency())
                .put("value", PayPalAmounts.decimal(request.amount(), request.currency()));
        if (request.reason() != null) {
            body.put("note_to_payer", request.reason().replace('_', ' '));
        }
        return bearer(app).chain(bearer -> api(app).refundCapture(bearer, request.idempotencyKey(), REPRESENTATION,
                request.paymentReference(), body)).map(response -> {
                    int status = response.getStatus();
                    if (status == 401) {
                        evict(app);
                        return RefundResult.failed(null, CREDENTIALS_REFUSED, "PayPal refused the tenant's credentials.");
                    }
                    if (status == 400 || status == 404 || status == 422) {
                        return RefundResult.failed(null, issue(response.getEntity()), description(response.getEntity()));
                    }
                    JsonNode refund = ok(response, app, "refund");
                    return switch (refund.path("status").asText()) {
                        case "COMPLETED" -> RefundResult.succeeded(refund.path("id").asText());
                        case "FAILED", "CANCELLED" -> RefundResult.failed(refund.path("id").asText(), "refund_failed",
                                "PayPal could not give the money back.");
                        default -> new RefundResult(Refund.Status.PENDING, refund.path("id").asText(), null, null);
                    };
                })
                .onFailure(failure -> !(failure instanceof ProviderException)).transform(PayPalProvider::unreachable);
    }

    /**
     * Asks PayPal whether a webhook delivery is genuine ({@code /v1/notifications/verify-webhook-signature}, with the
     * tenant's webhook id and the event exactly as received), then reads the event.
     */
    @Override
    public Uni<ProviderEvent> receiveWebhook(ProviderCredentials credentials, WebhookDelivery delivery) {
        PayPalTransmission transmission = PayPalTransmission.of(delivery);
        WebhookSignatureInvalid refused = refusedWithoutAsking(transmission);
        if (refused != null) {
            return Uni.createFrom().failure(refused); // refused for free: no verification spent
        }
        return limiter.take("paypal-verifications", delivery.tenantId(), verificationsPerMinute, Duration.ofMinutes(1))
                .chain(decision -> decision.allowed()
                        ? verifyWebhook(credentials, delivery.payload(), transmission)
                        : Uni.createFrom().failure(new ProviderException(Kind.UNAVAILABLE, "verifications_limited",
                                "More than " + verificationsPerMinute + " PayPal verifications a minute for tenant "
                                        + delivery.tenantId(), null)));
    }

    Uni<ProviderEvent> verifyWebhook(ProviderCredentials credentials, String payload,
            PayPalTransmission transmission) {
        PayPalCredentials app = paypal(credentials);
        WebhookSignatureInvalid refused = refusedWithoutAsking(transmission);
        if (refused != null) {
            return Uni.createFrom().failure(refused);
        }
        ObjectNode request = JSON.createObjectNode()
                .put("auth_algo", transmission.authAlgo())
                .put("cert_url", transmission.certUrl())
                .put("transmission_id", transmission.id())
                .put("transmission_sig", transmission.signature())
                .put("transmission_time", transmission.time())
                .put("webhook_id", app.webhookId());
        String withEvent;
        try {
            String head = JSON.writeValueAsString(request);
            JSON.readTree(payload); // must be JSON at all before we send it on
            withEvent = head.substring(0, head.length() - 1) + ",\"webhook_event\":" + payload + "}";
        } catch (Exception e) {
            return Uni.createFrom().failure(new WebhookSignatureInvalid("the body is not a JSON event"));
        }
        return bearer(app).chain(bearer -> api(app).verifyWebhookSignature(bearer, withEvent)).map(response -> {
            JsonNode answer = ok(response, app, "webhook verification");
            if (!"SUCCESS".equals(answer.path("verification_status").asText())) {
                throw new WebhookSignatureInvalid("PayPal did not verify the signature");
            }
            return PayPalEvents.read(payload);
        }).onFailure(failure -> !(failure instanceof ProviderException || failure instanceof WebhookSignatureInvalid))
                .transform(PayPalProvider::unreachable);
    }

    /** What is wrong with a delivery before PayPal need be asked (a header missing, a stale time), or null. */
    private static WebhookSignatureInvalid refusedWithoutAsking(PayPalTransmission transmission) {
        String missing = transmission.missingHeader();
        if (missing != null) {
            return new WebhookSignatureInvalid("no " + missing + " header");
        }
        if (transmission.olderThan(WebhookDelivery.REPLAY_TOLERANCE, Instant.now())) {
            return new WebhookSignatureInvalid("transmission time outside the tolerance");
        }
        return null;
    }

    /** The capture an order's answer carries, mapped to our outcome. */
    static ChargeResult captureOutcome(JsonNode order, String orderId) {
        JsonNode capture = order.path("purchase_units").path(0).path("payments").path("captures").path(0);
        String id = capture.path("id").asText(orderId);
        return switch (capture.path("status").asText()) {
            case "COMPLETED" -> ChargeResult.succeeded(id);
            case "DECLINED", "FAILED" -> new ChargeResult.Declined(id, "card_declined",
                    PayPalAmounts.declineCode(capture.path("processor_response").path("response_code").asText(null)),
                    "Your payment was declined.");
            // PENDING (an eCheck, a review): captured later or not; PayPal's PAYMENT.CAPTURE.* webhook says which.
            case "PENDING" -> new ChargeResult.Pending(id);
            default -> throw new ProviderException(Kind.UNAVAILABLE, "capture_" + capture.path("status").asText(),
                    "PayPal capture " + id + " is " + capture.path("status").asText() + ", not settled yet", null);
        };
    }

    /** An error answer to an order request: a known refusal, or an outcome we cannot know yet. */
    private ChargeResult refused(RestResponse<JsonNode> response, PayPalCredentials app, String orderId) {
        int status = response.getStatus();
        JsonNode error = response.getEntity();
        if (status == 401) {
            evict(app);
            return new ChargeResult.Declined(null, CREDENTIALS_REFUSED, null,
                    "The payment could not be made because of a configuration problem on the merchant's side.");
        }
        if (status == 422 && "PAYER_ACTION_REQUIRED".equals(issueRaw(error))) {
            return new ChargeResult.RequiresAction(orderId, "payer_action_required",
                    "PayPal asks you to confirm this payment.");
        }
        if (status == 400 || status == 403 || status == 404 || status == 422) {
            return new ChargeResult.Declined(orderId, issue(error), null, description(error));
        }
        throw new ProviderException(Kind.UNAVAILABLE, "paypal_" + status, "PayPal answered " + status, null);
    }

    /** A cached access token for the app, or a new one from PayPal's OAuth2 endpoint. */
    private Uni<String> bearer(PayPalCredentials app) {
        AccessToken cached = tokens.get(cacheKey(app));
        if (cached != null && cached.fresh()) {
            return Uni.createFrom().item(cached.bearer());
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return api(app).token(basic, "client_credentials").map(response -> {
            if (response.getStatus() == 401 || response.getStatus() == 403) {
                throw new ProviderException(Kind.CREDENTIALS_REFUSED, CREDENTIALS_REFUSED,
                        "PayPal refused the tenant's client credentials", null);
            }
            JsonNode token = ok(response, app, "access token");
            Duration lifetime = Duration.ofSeconds(token.path("expires_in").asLong(0)).minus(TOKEN_MARGIN);
            String bearer = "Bearer " + token.path("access_token").asText();
            if (!lifetime.isNegative()) {
                tokens.put(cacheKey(app), new AccessToken(bearer, System.nanoTime() + lifetime.toNanos()));
            }
            return bearer;
        }).onFailure(failure -> !(failure instanceof ProviderException)).transform(PayPalProvider::unreachable);
    }

    /** Per app and secret: a tenant that replaces its secret gets a token of the new one. */
    private static String cacheKey(PayPalCredentials app) {
        return app.live() + ":" + app.clientId() + ":" + Integer.toHexString(app.clientSecret().hashCode());
    }

    private void evict(PayPalCredentials app) {
        tokens.remove(cacheKey(app));
    }

    private JsonNode ok(RestResponse<JsonNode> response, PayPalCredentials app, String what) {
        int status = response.getStatus();
        if (status / 100 == 2) {
            return response.getEntity();
        }
        if (status == 401) {
            evict(app);
            throw new ProviderException(Kind.CREDENTIALS_REFUSED, CREDENTIALS_REFUSED,
                    "PayPal refused the tenant's access token for the " + what, null);
        }
        if (status >= 500 || status == 429) {
            throw new ProviderException(Kind.UNAVAILABLE, "paypal_" + status, "PayPal answered " + status
                    + " for the " + what, null);
        }
        throw new ProviderException(Kind.REFUSED, issue(response.getEntity()), description(response.getEntity()),
                null);
    }

    private static ProviderException unreachable(Throwable failure) {
        LOG.debugf("PayPal call failed: %s", failure.toString());
        return new ProviderException(Kind.UNAVAILABLE, "api_connection_error", "PayPal could not be reached: "
                + failure.getClass().getSimpleName(), failure);
    }

    private static String issueRaw(JsonNode error) {
        if (error == null) {
            return null;
        }
        JsonNode detail = error.path("details").path(0).path("issue");
        return detail.isTextual() ? detail.asText() : error.path("name").asText(null);
    }

    /** PayPal's issue code in our lower-case style: {@code INSTRUMENT_DECLINED} → {@code instrument_declined}. */
    private static String issue(JsonNode error) {
        String issue = issueRaw(error);
        return issue == null ? "invalid_request" : issue.toLowerCase(java.util.Locale.ROOT);
    }

    private static String description(JsonNode error) {
        if (error == null) {
            return "PayPal refused the request.";
        }
        JsonNode detail = error.path("details").path(0).path("description");
        return detail.isTextual() ? detail.asText() : error.path("message").asText("PayPal refused the request.");
    }

    private PayPalApi api(PayPalCredentials app) {
        return app.live() ? live : sandbox;
    }

    private static PayPalCredentials paypal(ProviderCredentials credentials) {
        if (!(credentials instanceof PayPalCredentials app)) {
            throw new IllegalArgumentException("PayPal calls need PayPal credentials");
        }
        return app;
    }
}
