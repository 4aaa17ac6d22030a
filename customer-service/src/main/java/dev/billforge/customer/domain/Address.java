package dev.billforge.customer.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A customer's billing address; {@code country} is ISO 3166-1 alpha-2. Invoices print it and tax uses it. */
@Embeddable
public record Address(
        @Column(name = "address_line1") String line1,
        @Column(name = "address_line2") String line2,
        @Column(name = "address_city") String city,
        @Column(name = "address_state") String state,
        @Column(name = "address_postal_code") String postalCode,
        @Column(name = "address_country") String country) {
}
