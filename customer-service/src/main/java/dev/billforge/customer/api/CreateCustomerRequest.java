package dev.billforge.customer.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.chassis.validation.CountryCode;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.customer.domain.CustomerDetails;

/** {@code POST /v1/customers}. Only {@code billing_email} is required. */
public record CreateCustomerRequest(
        @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL, message = EMAIL_MESSAGE) String billingEmail,
        @Size(max = 256) String name,
        @Size(max = 128) String userId,
        @Size(max = 128) @Pattern(regexp = PAYMENT_METHOD_REF, message = PAYMENT_METHOD_MESSAGE) String defaultPaymentMethodId,
        @Valid AddressBody address,
        @CountryCode String taxCountry,
        @Metadata Map<String, String> metadata) {

    /** One @, something on both sides, a dot in the domain, no spaces: what every mail system accepts. */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String EMAIL_MESSAGE = "must be an email address such as billing@example.com";
    /** A provider token reference such as {@code pm_1Nx...}; never card data. */
    static final String PAYMENT_METHOD_REF = "^[A-Za-z0-9_-]+$";
    static final String PAYMENT_METHOD_MESSAGE = "must be a payment method id such as pm_123";

    CustomerDetails toDetails() {
        return new CustomerDetails(billingEmail, name, userId, defaultPaymentMethodId,
                address == null ? null : Addresses.toAddress(address), taxCountry, metadata);
    }
}
