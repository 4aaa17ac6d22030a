package dev.billforge.customer.api;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.customer.domain.Address;

/** A customer's address between the API's {@link AddressBody} and the domain's {@link Address}. */
final class Addresses {

    private Addresses() {
    }

    static Address toAddress(AddressBody body) {
        return new Address(body.line1(), body.line2(), body.city(), body.state(), body.postalCode(), body.country());
    }

    static AddressBody from(Address address) {
        return address == null ? null
                : new AddressBody(address.line1(), address.line2(), address.city(), address.state(),
                        address.postalCode(), address.country());
    }
}
