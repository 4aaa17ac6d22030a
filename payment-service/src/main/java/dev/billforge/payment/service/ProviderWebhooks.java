package dev.billforge.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.tenancy.TenantContext;
import dev.billforge.chassis.time.BusinessClock;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.Payment;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.PaymentProviders;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.provider.ProviderException;
import dev.billforge.payment.provider.WebhookDelivery;
import dev.billforge.payment.provider.WebhookSignatureInvalid;
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
    private static final Logger LOG = Logger.getLogger(ProviderWebhooks.class);

    private final ProviderAccountService accounts;
    private final PaymentProviders providers;
    private final ProviderEventStore events;
    private final PaymentStore payments;
    private final PaymentOutcomes outcomes;
    private final PaymentRefunds refunds;
    private final PaymentDisputes disputes;
    private final BusinessClock clock;

    public ProviderWebhooks(ProviderAccountService accounts, PaymentProviders providers, ProviderEventStore events,
            PaymentStore payments, PaymentOutcomes outcomes, PaymentRefunds refunds, PaymentDisputes disputes,
            BusinessClock clock) {
        this.accounts = accounts;
        this.providers = providers;
        this.events = events;
        this.payments = payments;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.disputes = disputes;
        this.clock = clock;
    }

    /**
     * A request to {@code /v1/webhooks/{provider}/{tenant}}: verified by the provider plugin with the tenant's
     * credentials (Stripe checks an HMAC itself; PayPal asks PayPal), then applied once. When the provider must be
     * asked and cannot be now, 503: the provider delivers again later.
     */
    public Uni<Void> receive(String providerName, String tenantId, WebhookDelivery delivery) {
        PaymentProvider provider = providers.find(providerName).orElse(null);
        if (provider == null || !TenantContext.isTenantId(tenantId)) {
            return Uni.createFrom().failure(refused("no such provider or tenant"));
        }
        return accounts.stored(tenantId, provider)
                .onItem().ifNull().failWith(() -> refused("no " + provider.name() + " account"))
                .chain(credentials -> provider.receiveWebhook(credentials, delivery))
                .onFailure(WebhookSignatureInvalid.class).transform(invalid -> refused(invalid.getMessage()))
                .onFailure(ProviderException.class).transform(unavailable -> ApiException.of(
                        ErrorCode.PROVIDER_UNAVAILABLE, "The signature could not be verified with the provider now;"
                                + " retry later."))
                .chain(event -> Panache.withTransaction(() -> apply(tenantId, provider.name(), event)));
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
        return ApiException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "The request is not signed by the provider for this"
                + " endpoint, or was signed too long ago.");
    }
}
