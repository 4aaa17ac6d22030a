package dev.billforge.customer.domain;

import java.util.Map;

/** Everything a customer is created with; already validated for shape by the API. */
public record CustomerDetails(String billingEmail, String name, String userId, String defaultPaymentMethodId,
        Address address, String taxCountry, Map<String, String> metadata) {
}
