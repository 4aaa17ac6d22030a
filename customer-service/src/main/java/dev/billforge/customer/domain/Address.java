package dev.billforge.customer.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import dev.billforge.chassis.secrets.SealedPersonalData;

/**
 * A customer's billing address; {@code country} is ISO 3166-1 alpha-2. Invoices print it and tax uses it. The
 * lines, city, state and postal code are sealed at rest; the country stays readable (tax selection and reporting
 * need it, and on its own it identifies nobody).
 */
@Embeddable
public record Address(
        @Column(name = "address_line1") @Convert(converter = SealedPersonalData.class) String line1,
        @Column(name = "address_line2") @Convert(converter = SealedPersonalData.class) String line2,
        @Column(name = "address_city") @Convert(converter = SealedPersonalData.class) String city,
        @Column(name = "address_state") @Convert(converter = SealedPersonalData.class) String state,
        @Column(name = "address_postal_code") @Convert(converter = SealedPersonalData.class) String postalCode,
        @Column(name = "address_country") String country) {
}
