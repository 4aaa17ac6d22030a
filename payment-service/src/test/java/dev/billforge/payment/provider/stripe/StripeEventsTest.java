package dev.billforge.payment.provider.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.billforge.payment.domain.DisputeStatus;

class StripeEventsTest {

    @Test
    void stripesDisputeStatusesAreOursAndUnknownOnesStayOpen() {
        for (DisputeStatus status : DisputeStatus.values()) {
            assertEquals(status, StripeEvents.disputeStatus(status.wire()));
        }
        assertEquals(DisputeStatus.PREVENTED, StripeEvents.disputeStatus("prevented"));
        assertEquals(DisputeStatus.UNDER_REVIEW, StripeEvents.disputeStatus("a_status_stripe_adds_later"));
        assertEquals(DisputeStatus.UNDER_REVIEW, StripeEvents.disputeStatus(""));
    }
}
