package dev.billforge.payment.domain;

import java.util.List;

/** The payment providers a payment method can belong to (the event contract's {@code provider} enum). */
public final class Providers {

    public static final String SIMULATOR = "simulator";
    public static final String STRIPE = "stripe";
    public static final String PAYPAL = "paypal";
    public static final List<String> ALL = List.of(SIMULATOR, STRIPE, PAYPAL);
    /** For Bean Validation's {@code @Pattern}. */
    public static final String PATTERN = "^(simulator|stripe|paypal)$";

    private Providers() {
    }
}
