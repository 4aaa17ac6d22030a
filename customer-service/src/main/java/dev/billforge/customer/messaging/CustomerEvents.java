package dev.billforge.customer.messaging;

import java.util.List;

import dev.billforge.customer.domain.Address;
import dev.billforge.customer.domain.Customer;
import dev.billforge.events.customer.CustomerCreated;
import dev.billforge.events.customer.CustomerDeleted;
import dev.billforge.events.customer.CustomerSnapshot;
import dev.billforge.events.customer.CustomerUpdated;
import dev.billforge.events.customer.PostalAddress;

/** Maps the customer to the published event records (the contract in the events module). */
public final class CustomerEvents {

    private CustomerEvents() {
    }

    public static CustomerCreated created(Customer customer) {
        return new CustomerCreated(snapshot(customer));
    }

    public static CustomerUpdated updated(Customer customer, List<String> changedFields) {
        return new CustomerUpdated(snapshot(customer), changedFields);
    }

    public static CustomerDeleted deleted(Customer customer) {
        return new CustomerDeleted(customer.id(), customer.deletedAt());
    }

    static CustomerSnapshot snapshot(Customer customer) {
        Address address = customer.address();
        return new CustomerSnapshot(customer.id(), customer.billingEmail(), customer.name(), customer.userId(),
                customer.defaultPaymentMethodId(),
                address == null ? null : new PostalAddress(address.line1(), address.line2(), address.city(),
                        address.state(), address.postalCode(), address.country()),
                customer.taxCountry(), customer.metadata(), customer.createdAt(), customer.updatedAt());
    }
}
