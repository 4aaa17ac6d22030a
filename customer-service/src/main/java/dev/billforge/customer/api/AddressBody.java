package dev.billforge.customer.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.validation.CountryCode;
import dev.billforge.customer.domain.Address;

/** A billing address as the API reads and writes it. */
public record AddressBody(
        @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 20) String postalCode,
        @NotNull @CountryCode String country) {

    Address toAddress() {
        return new Address(line1, line2, city, state, postalCode, country);
    }

    static AddressBody from(Address address) {
        return address == null ? null
                : new AddressBody(address.line1(), address.line2(), address.city(), address.state(),
                        address.postalCode(), address.country());
    }
}
