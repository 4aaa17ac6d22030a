package dev.billforge.payment.provider.stripe;

import static dev.billforge.payment.provider.ProviderJson.text;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.payment.domain.DisputeStatus;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.provider.ProviderJson;

/**
 * Reads a (verified) Stripe event. Read as a JSON tree rather than through stripe-java's models: the models only
 * deserialize events of the SDK's pinned API version, while the account's webhook endpoint may use another one;
 * the few fields we need are the same in every version.
 */
final class StripeEvents {

    private StripeEvents() {
    }

    static ProviderEvent read(String payload) {
        JsonNode event = ProviderJson.parse(payload);
        String id = event.path("id").asText();
        String type = event.path("type").asText("");
        JsonNode object = event.path("data").path("object");
        return switch (type) {
            case "payment_intent.succeeded" -> paymentOutcome(id, type, PaymentStatus.SUCCEEDED, object);
            case "payment_intent.payment_failed" -> paymentOutcome(id, type, PaymentStatus.FAILED, object);
            case "payment_intent.requires_action" -> paymentOutcome(id, type, PaymentStatus.REQUIRES_ACTION, object);
            // Stripe's advice: charge.refunded says that a charge was refunded, refund.* events carry the refund.
            case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" -> refund(id, type, object);
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
                    "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated" -> dispute(id, type, object);
            default -> new ProviderEvent.Ignored(id, type);
        };
    }

    private static ProviderEvent paymentOutcome(String id, String type, PaymentStatus outcome, JsonNode intent) {
        JsonNode error = intent.path("last_payment_error");
        return new ProviderEvent.PaymentOutcome(id, type, outcome, text(intent, "id"),
                ourId(intent, "billforge_payment_id"), text(error, "code"), text(error, "decline_code"),
                text(error, "message"));
    }

    private static ProviderEvent refund(String id, String type, JsonNode refund) {
        Refund.Status status = switch (refund.path("status").asText("")) {
            case "succeeded" -> Refund.Status.SUCCEEDED;
            case "failed", "canceled" -> Refund.Status.FAILED;
            default -> Refund.Status.PENDING; // pending, requires_action
        };
        return new ProviderEvent.RefundUpdate(id, type, text(refund, "payment_intent"), text(refund, "id"),
                ourId(refund, "billforge_refund_id"), refund.path("amount").asLong(), status, text(refund, "reason"),
                text(refund, "failure_reason"));
    }

    private static ProviderEvent dispute(String id, String type, JsonNode dispute) {
        return new ProviderEvent.DisputeUpdate(id, type, text(dispute, "payment_intent"), text(dispute, "id"),
                dispute.path("amount").asLong(), text(dispute, "reason"), disputeStatus(dispute.path("status").asText("")));
    }

    /**
     * Stripe's dispute statuses are ours; a status newer than this code is taken as still open
     * ({@code under_review}) until a known one arrives.
     */
    static DisputeStatus disputeStatus(String stripe) {
        return DisputeStatus.fromWire(stripe).orElse(DisputeStatus.UNDER_REVIEW);
    }

    /** An id of ours we sent as metadata with the request, or null (not one of ours, or not a UUID). */
    private static UUID ourId(JsonNode object, String metadataKey) {
        return ProviderJson.uuid(object.path("metadata").path(metadataKey).asText(null));
    }
}
