package dev.billforge.console.web;

import dev.billforge.console.model.Customer;
import dev.billforge.console.model.Invoice;
import dev.billforge.console.model.Subscription;

/** One card of the subscriptions list: the subscription, its customer and its latest invoice (either may be null). */
public record SubscriptionRow(Subscription subscription, Customer customer, Invoice latestInvoice) {

    public String customerLabel() {
        if (customer == null) {
            return "deleted customer";
        }
        return customer.name() == null || customer.name().isBlank() ? customer.billingEmail()
                : customer.name() + " · " + customer.billingEmail();
    }
}
