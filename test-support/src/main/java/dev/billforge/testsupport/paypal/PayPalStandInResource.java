package dev.billforge.testsupport.paypal;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link PayPalStandIn} for a Quarkus test and points payment-service's PayPal gateway at it. */
public class PayPalStandInResource implements QuarkusTestResourceLifecycleManager {

    private PayPalStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = PayPalStandIn.start();
        return Map.of("billforge.payment.providers.paypal.sandbox-api-base", standIn.baseUrl(),
                "billforge.payment.providers.paypal.live-api-base", standIn.baseUrl());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
