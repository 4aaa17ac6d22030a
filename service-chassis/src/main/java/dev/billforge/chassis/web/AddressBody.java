package dev.billforge.chassis.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.validation.CountryCode;
import dev.billforge.events.customer.PostalAddress;

/**
 * A postal address as every API reads and writes it (a customer's billing address, a seller's address on its
 * invoices): the same fields, limits and country check everywhere, and the event contract's {@link PostalAddress}.
 */
public record AddressBody(
        @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 20) String postalCode,
        @NotNull @CountryCode String country) {

    public PostalAddress toPostalAddress() {
        return new PostalAddress(line1, line2, city, state, postalCode, country);
    }

    public static AddressBody from(PostalAddress address) {
        return address == null ? null
                : new AddressBody(address.line1(), address.line2(), address.city(), address.state(),
                        address.postalCode(), address.country());
    }
}
