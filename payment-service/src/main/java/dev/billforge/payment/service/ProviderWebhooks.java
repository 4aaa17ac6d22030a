package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.domain.ProviderCredentials;
import dev.billforge.payment.domain.Providers;
import dev.billforge.payment.gateway.PayPalGateway;
import dev.billforge.payment.gateway.PayPalTransmission;
import dev.billforge.payment.gateway.ProviderEvent;
import dev.billforge.payment.gateway.ProviderException;
import dev.billforge.payment.gateway.StripeGateway;
import dev.billforge.payment.gateway.WebhookSignatureInvalid;
import dev.billforge.payment.store.PaymentStore;
import dev.billforge.payment.store.ProviderEventStore;

/**
 * Events the providers push to us: late outcomes of payments (a card that needed authentication, a payment the
 * provider finished after our call timed out), refunds (ours settling, or made in the provider's dashboard) and
 * disputes. Nothing is believed before its signature is verified with the
 * tenant's secret; each provider event is processed once, in the transaction of its effect; and a payment only ever
 * moves forward, whatever order the events arrive in.
 */
@ApplicationScoped
public class ProviderWebhooks {

    public static final String SIGNATURE_INVALID = "webhook_signature_invalid";
    private static final Logger LOG = Logger.getLogger(ProviderWebhooks.class);

    private final ProviderAccountService accounts;
    private final StripeGateway stripe;
    private final PayPalGateway paypal;
    private final ProviderEventStore events;
    private final PaymentStore payments;
    private final PaymentOutcomes outcomes;
    private final PaymentRefunds refunds;
    private final PaymentDisputes disputes;
    private final BusinessClock clock;

    public ProviderWebhooks(ProviderAccountService accounts, StripeGateway stripe, PayPalGateway paypal,
            ProviderEventStore events,
            PaymentStore payments, PaymentOutcomes outcomes, PaymentRefunds refunds, PaymentDisputes disputes,
            BusinessClock clock) {
        this.accounts = accounts;
        this.stripe = stripe;
        this.paypal = paypal;
        this.events = events;
        this.payments = payments;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.disputes = disputes;
        this.clock = clock;
    }

    /** A request to {@code /v1/webhooks/stripe/{tenant}}: verified, then applied once. */
    public Uni<Void> receiveStripe(String tenantId, String payload, String signature) {
        return credentialsOf(tenantId, Providers.STRIPE)
                .map(credentials -> stripe.verifyWebhook(credentials, payload, signature))
                .onFailure(WebhookSignatureInvalid.class).transform(invalid -> refused(invalid.getMessage()))
                .chain(event -> Panache.withTransaction(() -> apply(tenantId, Providers.STRIPE, event)));
    }

    /**
     * A request to {@code /v1/webhooks/paypal/{tenant}}: verified by PayPal (verify-webhook-signature, against the
     * tenant's webhook id), then applied once. When PayPal cannot be asked, 503: PayPal delivers again later.
     */
    public Uni<Void> receivePayPal(String tenantId, String payload, PayPalTransmission transmission) {
        return credentialsOf(tenantId, Providers.PAYPAL)
                .chain(credentials -> paypal.verifyWebhook(credentials, payload, transmission))
                .onFailure(WebhookSignatureInvalid.class).transform(invalid -> refused(invalid.getMessage()))
                .onFailure(ProviderException.class).transform(unavailable -> ApiException.unavailable(
                        "provider_unavailable", "The signature could not be verified with PayPal now; retry later."))
                .chain(event -> Panache.withTransaction(() -> apply(tenantId, Providers.PAYPAL, event)));
    }

    /** The credentials a delivery to the tenant's URL is checked with; refused like a forgery when there are none. */
    private Uni<ProviderCredentials> credentialsOf(String tenantId, String provider) {
        if (tenantId == null || !TenantContext.TENANT_ID.matcher(tenantId).matches()) {
            return Uni.createFrom().failure(refused("the path names no valid tenant"));
        }
        return accounts.credentials(tenantId, provider)
                .onFailure(ApiException.class).transform(notConfigured -> refused("no " + provider + " account"));
    }

    private Uni<Void> apply(String tenantId, String provider, ProviderEvent event) {
        return events.recordOnce(tenantId, provider, event.eventId(), event.type(), clock.now(tenantId))
                .chain(first -> !first ? Uni.createFrom().voidItem() : switch (event) {
                    case ProviderEvent.PaymentOutcome outcome -> applyOutcome(tenantId, provider, outcome);
                    case ProviderEvent.RefundUpdate refund -> refunds.applyProviderUpdate(tenantId, provider, refund);
                    case ProviderEvent.DisputeUpdate dispute -> disputes.applyProviderUpdate(tenantId, provider, dispute);
                    case ProviderEvent.Ignored ignored -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> applyOutcome(String tenantId, String provider, ProviderEvent.PaymentOutcome event) {
        return findPayment(tenantId, provider, event).chain(payment -> {
            if (payment == null) {
                // Not a payment of ours (made in the provider's dashboard, say): nothing to move.
                LOG.debugf("%s %s concerns no payment of tenant %s", provider, event.eventId(), tenantId);
                return Uni.createFrom().voidItem();
            }
            boolean moved = payment.applyProviderOutcome(event.outcome(), event.paymentReference(),
                    event.failureCode(), event.declineCode(), event.failureMessage(), clock.now(tenantId));
            return moved ? outcomes.publish(payment) : Uni.createFrom().voidItem();
        });
    }

    /** By the payment id we sent as metadata, else by the provider's id of the payment. */
    private Uni<Payment> findPayment(String tenantId, String provider, ProviderEvent.PaymentOutcome event) {
        Uni<Payment> byId = event.paymentId() == null ? Uni.createFrom().nullItem()
                : payments.findForUpdate(tenantId, event.paymentId());
        return byId.chain(found -> found != null || event.paymentReference() == null ? Uni.createFrom().item(found)
                : payments.findByProviderReferenceForUpdate(tenantId, provider, event.paymentReference()));
    }

    /** One answer for every request we do not believe, so a prober learns nothing about tenants or secrets. */
    private static ApiException refused(String reason) {
        LOG.infof("Webhook refused: %s", reason);
        return ApiException.badRequest(SIGNATURE_INVALID, "The request is not signed by the provider for this"
                + " endpoint, or was signed too long ago.");
    }
}
