package dev.billforge.payment.provider.stripe;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;

import dev.billforge.errors.ErrorCode;
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
 * Stripe through its official Java SDK, with each tenant's own secret key. Invoices are collected with an
 * off-session PaymentIntent, created and confirmed in one request whose {@code Idempotency-Key} is the attempt's
 * key: Stripe answers a repeated request with the first response, so a timeout retried (by the SDK or by our
 * recovery job) never charges twice. stripe-java blocks on its HTTP call, so every call runs on a worker thread and
 * the answer comes back on the caller's Vert.x context.
 */
@ApplicationScoped
@RegisterForReflection(targets = { PaymentIntent.class, PaymentMethod.class, Customer.class, StripeError.class,
        com.stripe.model.StripeObject.class, com.stripe.net.ApiResource.class, com.stripe.model.Charge.class,
        com.stripe.model.Refund.class, com.stripe.model.Dispute.class, com.stripe.model.Event.class })
public class StripeProvider implements PaymentProvider {

    public static final String NAME = "stripe";
    /** The failure code of a charge or refund refused for the tenant\'s credentials (the API error code too). */
    static final String CREDENTIALS_REFUSED = ErrorCode.PROVIDER_CREDENTIALS_REFUSED.wireName();
    /** Stripe's decline for a card whose issuer wants 3-D Secure on an off-session payment. */
    static final String AUTHENTICATION_REQUIRED = "authentication_required";

    private final Vertx vertx;
    private final StripeConfig config;

    public StripeProvider(Vertx vertx, StripeConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.enabled().orElse(true);
    }

    @Override
    public Class<StripeAccountRequest> credentialsRequest() {
        return StripeAccountRequest.class;
    }

    @Override
    public StripeCredentials credentialsFrom(Map<String, Object> document) {
        return StripeCredentials.from(document);
    }

    @Override
    public Uni<String> createCustomer(ProviderCredentials credentials, CustomerProfile customer) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setEmail(customer.email())
                .setName(customer.name())
                .putMetadata("billforge_customer_id", customer.customerId().toString())
                .build();
        // One Stripe customer per customer of ours, even when two first attaches race.
        RequestOptions once = RequestOptions.builder()
                .setIdempotencyKey("billforge_customer_" + customer.customerId()).build();
        return blocking(() -> client(credentials).v1().customers().create(params, once).getId());
    }

    @Override
    public Uni<Card> attach(ProviderCredentials credentials, String providerCustomerId, String providerToken) {
        return blocking(() -> {
            StripeClient stripe = client(credentials);
            PaymentMethod method;
            try {
                method = stripe.v1().paymentMethods().retrieve(providerToken);
            } catch (InvalidRequestException e) {
                if ("resource_missing".equals(e.getCode())) {
                    return null; // not a payment method of this Stripe account
                }
                throw e;
            }
            if (!providerCustomerId.equals(method.getCustomer())) {
                method = stripe.v1().paymentMethods().attach(providerToken, PaymentMethodAttachParams.builder()
                        .setCustomer(providerCustomerId).build());
            }
            return method.getCard() == null ? new Card(method.getType(), "") // not a card (e.g. a bank debit)
                    : new Card(method.getCard().getBrand(), method.getCard().getLast4());
        });
    }

    @Override
    public Uni<ChargeResult> charge(ProviderCredentials credentials, ChargeRequest request) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount()) // Stripe also counts in the currency's minor unit
                .setCurrency(request.currency().toLowerCase(Locale.ROOT))
                .setCustomer(request.providerCustomerId())
                .setPaymentMethod(request.providerToken())
                .setConfirm(true)
                .setOffSession(true) // the customer is not there: the issuer may decline with authentication_required
                .setDescription(request.description())
                .putMetadata("billforge_payment_id", request.paymentId().toString())
                .putMetadata("billforge_invoice_id", request.invoiceId().toString())
                .build();
        RequestOptions once = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        return blocking(() -> {
            try {
                return outcome(client(credentials).v1().paymentIntents().create(params, once));
            } catch (CardException e) {
                return declined(e);
            } catch (AuthenticationException e) { // and its subclass PermissionException (a restricted key lacking a right)
                // Known outcome: nothing was charged, and nothing will be until the tenant fixes its key.
                return new ChargeResult.Declined(null, CREDENTIALS_REFUSED, null,
                        "The payment could not be made because of a configuration problem on the merchant's side.");
            } catch (InvalidRequestException e) {
                // Stripe refused the request itself (a payment method no longer attached, say): no charge was made,
                // and asking again would get the same answer.
                return new ChargeResult.Declined(null, e.getCode() == null ? "invalid_request" : e.getCode(), null,
                        messageOf(e));
            }
        });
    }

    @Override
    public Uni<RefundResult> refund(ProviderCredentials credentials, RefundRequest request) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(request.paymentReference())
                .setAmount(request.amount())
                .putMetadata("billforge_refund_id", request.refundId().toString())
                .putMetadata("billforge_payment_id", request.paymentId().toString());
        if (request.reason() != null) {
            params.setReason(switch (request.reason()) {
                case "duplicate" -> RefundCreateParams.Reason.DUPLICATE;
                case "fraudulent" -> RefundCreateParams.Reason.FRAUDULENT;
                default -> RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER;
            });
        }
        RequestOptions once = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        return blocking(() -> {
            try {
                com.stripe.model.Refund refund = client(credentials).v1().refunds().create(params.build(), once);
                return switch (refund.getStatus()) {
                    case "succeeded" -> RefundResult.succeeded(refund.getId());
                    case "failed", "canceled" -> RefundResult.failed(refund.getId(),
                            refund.getFailureReason() == null ? "refund_failed" : refund.getFailureReason(),
                            "The provider could not give the money back.");
                    // pending, requires_action: Stripe settles it later and says so by webhook (refund.updated).
                    default -> new RefundResult(Refund.Status.PENDING, refund.getId(), null, null);
                };
            } catch (InvalidRequestException e) {
                // charge_already_refunded, amount_too_large, ...: nothing was given back, and asking again won't help.
                return RefundResult.failed(null, e.getCode() == null ? "invalid_request" : e.getCode(), messageOf(e));
            }
        });
    }

    /**
     * Verifies a webhook request with stripe-java ({@code Stripe-Signature} over the raw body, HMAC-SHA256 with the
     * tenant's signing secret, at most {@link WebhookDelivery#REPLAY_TOLERANCE} old) and reads the event. Stripe
     * signs with real time even for test clocks.
     */
    @Override
    public Uni<ProviderEvent> receiveWebhook(ProviderCredentials credentials, WebhookDelivery delivery) {
        return Uni.createFrom().item(() -> verifyWebhook(credentials, delivery.payload(),
                delivery.header("Stripe-Signature")));
    }

    ProviderEvent verifyWebhook(ProviderCredentials credentials, String payload, String signatureHeader) {
        if (!(credentials instanceof StripeCredentials stripe)) {
            throw new IllegalArgumentException("Stripe webhooks need Stripe credentials");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureInvalid("no Stripe-Signature header");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, stripe.webhookSigningSecret(),
                    WebhookDelivery.REPLAY_TOLERANCE.toSeconds());
        } catch (SignatureVerificationException e) {
            throw new WebhookSignatureInvalid(e.getMessage());
        }
        return StripeEvents.read(payload);
    }

    /** The confirmed PaymentIntent's state, for the outcomes Stripe reports without an error. */
    static ChargeResult outcome(PaymentIntent intent) {
        return switch (intent.getStatus()) {
            case "succeeded" -> ChargeResult.succeeded(intent.getId());
            case "requires_action" -> new ChargeResult.RequiresAction(intent.getId(), AUTHENTICATION_REQUIRED,
                    "Your bank asks you to confirm this payment.");
            case "requires_payment_method", "canceled" -> {
                StripeError error = intent.getLastPaymentError();
                yield error == null ? ChargeResult.declined(intent.getId(), "card_declined", "Your card was declined.")
                        : new ChargeResult.Declined(intent.getId(), error.getCode(), error.getDeclineCode(),
                                error.getMessage());
            }
            // Accepted, settled later (bank debits): the payment_intent.* webhook tells how it ends.
            case "processing", "requires_capture" -> new ChargeResult.Pending(intent.getId());
            // requires_confirmation: not confirmed after all, an answer we cannot act on; asked again.
            default -> throw new ProviderException(Kind.UNAVAILABLE, "payment_intent_" + intent.getStatus(),
                    "PaymentIntent " + intent.getId() + " is " + intent.getStatus() + ", not settled yet", null);
        };
    }

    /** A card error: a decline with its issuer's reason, or the issuer's demand for authentication. */
    static ChargeResult declined(CardException e) {
        StripeError error = e.getStripeError();
        String intent = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getId() : null;
        if (AUTHENTICATION_REQUIRED.equals(e.getCode()) || AUTHENTICATION_REQUIRED.equals(e.getDeclineCode())) {
            return new ChargeResult.RequiresAction(intent, AUTHENTICATION_REQUIRED, messageOf(e));
        }
        return new ChargeResult.Declined(intent, e.getCode() == null ? "card_declined" : e.getCode(),
                e.getDeclineCode(), messageOf(e));
    }

    private static String messageOf(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage()
                : "The payment provider refused the request.";
    }

    private StripeClient client(ProviderCredentials credentials) {
        if (!(credentials instanceof StripeCredentials stripe)) {
            throw new IllegalArgumentException("Stripe calls need Stripe credentials");
        }
        return StripeClient.builder()
                .setApiKey(stripe.secretKey())
                .setApiBase(config.apiBase())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setReadTimeout((int) config.readTimeout().toMillis())
                .setMaxNetworkRetries(config.maxNetworkRetries())
                .build();
    }

    /**
     * Runs an SDK call on a worker thread (unordered: calls of one context need not wait for each other) and turns
     * the SDK's exceptions that are left into {@link ProviderException}s.
     */
    private <T> Uni<T> blocking(Callable<T> call) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return call.call();
            } catch (AuthenticationException e) { // and its subclass PermissionException (a restricted key lacking a right)
                throw new ProviderException(Kind.CREDENTIALS_REFUSED, CREDENTIALS_REFUSED,
                        "Stripe refused the tenant's API key: " + e.getCode(), null);
            } catch (CardException | InvalidRequestException e) {
                throw new ProviderException(Kind.REFUSED, e.getCode(), messageOf(e), null);
            } catch (ApiConnectionException e) {
                throw new ProviderException(Kind.UNAVAILABLE, "api_connection_error",
                        "Stripe could not be reached: " + e.getMessage(), e);
            } catch (StripeException e) {
                // Rate limits, Stripe's server errors, idempotency conflicts: no answer to act on.
                throw new ProviderException(Kind.UNAVAILABLE, e.getCode() == null ? "api_error" : e.getCode(),
                        "Stripe answered " + e.getStatusCode() + ": " + messageOf(e), e);
            } catch (ProviderException e) {
                throw e;
            } catch (Exception e) {
                throw new ProviderException(Kind.UNAVAILABLE, "api_error", "Stripe call failed: " + e, e);
            }
        }), false);
    }
}
