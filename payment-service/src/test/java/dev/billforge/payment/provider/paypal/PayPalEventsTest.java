package dev.billforge.payment.provider.paypal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.billforge.payment.domain.DisputeStatus;

class PayPalEventsTest {

    @Test
    void theOutcomeDecidesWonOrLost() {
        assertEquals(DisputeStatus.WON, PayPalEvents.disputeStatus("RESOLVED", "RESOLVED_SELLER_FAVOUR"));
        assertEquals(DisputeStatus.WON, PayPalEvents.disputeStatus("RESOLVED", "CANCELED_BY_BUYER"));
        assertEquals(DisputeStatus.LOST, PayPalEvents.disputeStatus("RESOLVED", "RESOLVED_BUYER_FAVOUR"));
        assertEquals(DisputeStatus.LOST, PayPalEvents.disputeStatus("RESOLVED", ""), "resolved without an outcome");
    }

    @Test
    void anOpenDisputeNeedsTheSellerOrIsUnderReview() {
        assertEquals(DisputeStatus.NEEDS_RESPONSE, PayPalEvents.disputeStatus("OPEN", ""));
        assertEquals(DisputeStatus.NEEDS_RESPONSE, PayPalEvents.disputeStatus("WAITING_FOR_SELLER_RESPONSE", ""));
        assertEquals(DisputeStatus.UNDER_REVIEW, PayPalEvents.disputeStatus("WAITING_FOR_BUYER_RESPONSE", ""));
        assertEquals(DisputeStatus.UNDER_REVIEW, PayPalEvents.disputeStatus("UNDER_REVIEW", ""));
        assertEquals(DisputeStatus.UNDER_REVIEW, PayPalEvents.disputeStatus("OTHER", ""));
    }
}
