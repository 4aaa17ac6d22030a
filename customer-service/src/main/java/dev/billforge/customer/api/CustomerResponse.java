package dev.billforge.customer.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.customer.domain.Customer;

/** A customer as the API shows it. */
public record CustomerResponse(
        UUID id,
        String object,
        String billingEmail,
        String name,
        String userId,
        String defaultPaymentMethodId,
        AddressBody address,
        String taxCountry,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    public static final String OBJECT = "customer";

    static CustomerResponse from(Customer customer) {
        return new CustomerResponse(customer.id(), OBJECT, customer.billingEmail(), customer.name(),
                customer.userId(), customer.defaultPaymentMethodId(), Addresses.from(customer.address()),
                customer.taxCountry(), customer.metadata(), customer.createdAt(), customer.updatedAt());
    }
}
