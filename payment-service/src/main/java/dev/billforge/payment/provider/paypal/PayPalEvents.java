package dev.billforge.payment.provider.paypal;

import static dev.billforge.payment.provider.ProviderJson.text;
import static dev.billforge.payment.provider.ProviderJson.uuid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.billforge.payment.domain.DisputeStatus;
import dev.billforge.payment.domain.PaymentStatus;
import dev.billforge.payment.domain.Refund;
import dev.billforge.payment.provider.ProviderEvent;
import dev.billforge.payment.provider.ProviderJson;

/** Reads a (verified) PayPal webhook event: captures completed or denied, refunds, disputes. */
final class PayPalEvents {

    private PayPalEvents() {
    }

    static ProviderEvent read(String payload) {
        JsonNode event = ProviderJson.parse(payload);
        String id = event.path("id").asText();
        String type = event.path("event_type").asText("");
        JsonNode resource = event.path("resource");
        return switch (type) {
            case "PAYMENT.CAPTURE.COMPLETED" -> capture(id, type, PaymentStatus.SUCCEEDED, resource);
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> capture(id, type, PaymentStatus.FAILED,
                    resource);
            case "PAYMENT.CAPTURE.REFUNDED" -> refund(id, type, resource);
            case "CUSTOMER.DISPUTE.CREATED", "CUSTOMER.DISPUTE.UPDATED", "CUSTOMER.DISPUTE.RESOLVED" ->
                dispute(id, type, resource);
            default -> new ProviderEvent.Ignored(id, type);
        };
    }

    private static ProviderEvent capture(String id, String type, PaymentStatus outcome, JsonNode capture) {
        return new ProviderEvent.PaymentOutcome(id, type, outcome, text(capture, "id"), uuid(text(capture,
                "custom_id")), outcome == PaymentStatus.FAILED ? "card_declined" : null,
                outcome == PaymentStatus.FAILED ? PayPalAmounts.declineCode(capture.path("processor_response")
                        .path("response_code").asText(null)) : null,
                outcome == PaymentStatus.FAILED ? "Your payment was declined." : null);
    }

    /** A refund's resource names its capture only in its {@code up} link: {@code .../v2/payments/captures/{id}}. */
    private static ProviderEvent refund(String id, String type, JsonNode refund) {
        String capture = null;
        for (JsonNode link : refund.path("links")) {
            String href = link.path("href").asText("");
            if ("up".equals(link.path("rel").asText()) && href.contains("/captures/")) {
                capture = href.substring(href.lastIndexOf('/') + 1);
            }
        }
        Refund.Status status = switch (refund.path("status").asText("")) {
            case "COMPLETED" -> Refund.Status.SUCCEEDED;
            case "FAILED", "CANCELLED" -> Refund.Status.FAILED;
            default -> Refund.Status.PENDING;
        };
        JsonNode amount = refund.path("amount");
        return new ProviderEvent.RefundUpdate(id, type, capture, text(refund, "id"), uuid(text(refund, "custom_id")),
                PayPalAmounts.minorUnits(amount.path("value").asText("0"), amount.path("currency_code").asText("USD")),
                status, null, status == Refund.Status.FAILED ? "refund_failed" : null);
    }

    /**
     * PayPal's dispute in our words: its outcome decides won or lost; while open, a dispute waiting for the seller
     * (or just opened) needs a response, anything else is under review. Resolved without an outcome code is booked
     * as lost: the merchant should not count on the money until PayPal says otherwise.
     */
    static DisputeStatus disputeStatus(String status, String outcome) {
        return switch (outcome) {
            case "RESOLVED_SELLER_FAVOUR", "CANCELED_BY_BUYER", "DENIED" -> DisputeStatus.WON;
            case "RESOLVED_BUYER_FAVOUR", "RESOLVED_WITH_PAYOUT" -> DisputeStatus.LOST;
            default -> switch (status) {
                case "OPEN", "WAITING_FOR_SELLER_RESPONSE" -> DisputeStatus.NEEDS_RESPONSE;
                case "RESOLVED" -> DisputeStatus.LOST;
                default -> DisputeStatus.UNDER_REVIEW; // WAITING_FOR_BUYER_RESPONSE, UNDER_REVIEW, OTHER
            };
        };
    }

    private static ProviderEvent dispute(String id, String type, JsonNode dispute) {
        DisputeStatus status = disputeStatus(dispute.path("status").asText("OPEN"),
                dispute.path("dispute_outcome").path("outcome_code").asText(""));
        JsonNode amount = dispute.path("dispute_amount");
        return new ProviderEvent.DisputeUpdate(id, type,
                text(dispute.path("disputed_transactions").path(0), "seller_transaction_id"),
                text(dispute, "dispute_id"),
                PayPalAmounts.minorUnits(amount.path("value").asText("0"), amount.path("currency_code").asText("USD")),
                text(dispute, "reason") == null ? null : text(dispute, "reason").toLowerCase(java.util.Locale.ROOT),
                status);
    }
}
