package dev.billforge.testsupport.stripe;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link StripeStandIn} for a Quarkus test and points payment-service's Stripe gateway at it. */
public class StripeStandInResource implements QuarkusTestResourceLifecycleManager {

    private StripeStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = StripeStandIn.start();
        return Map.of("billforge.payment.providers.stripe.api-base", standIn.baseUrl());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
