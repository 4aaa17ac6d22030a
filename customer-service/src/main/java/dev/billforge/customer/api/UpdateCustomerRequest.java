package dev.billforge.customer.api;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.billforge.chassis.web.AddressBody;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.validation.CountryCode;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.chassis.web.MergePatchReader.MergePatch;
import dev.billforge.customer.domain.CustomerChanges;

/**
 * {@code PATCH /v1/customers/{id}} with merge-patch meaning: absent fields stay, {@code null} clears, values
 * replace; {@code metadata} is merged key by key and a {@code null} value removes its key.
 */
// Bound by MergePatchReader from a JSON tree, not by a REST method signature: native images need telling.
@RegisterForReflection
public record UpdateCustomerRequest(
        @Size(min = 3, max = 254) @Pattern(regexp = CreateCustomerRequest.EMAIL,
                message = CreateCustomerRequest.EMAIL_MESSAGE) String billingEmail,
        @Size(max = 256) String name,
        @Size(max = 128) String userId,
        @Size(max = 128) @Pattern(regexp = CreateCustomerRequest.PAYMENT_METHOD_REF,
                message = CreateCustomerRequest.PAYMENT_METHOD_MESSAGE) String defaultPaymentMethodId,
        @Valid AddressBody address,
        @CountryCode String taxCountry,
        @Metadata(allowRemovals = true) Map<String, String> metadata) {

    static CustomerChanges toChanges(MergePatch<UpdateCustomerRequest> patch) {
        UpdateCustomerRequest values = patch.values();
        if (patch.has("billing_email") && values.billingEmail() == null) {
            throw ApiException.invalidField("billing_email", ErrorCode.REQUIRED, "cannot be removed");
        }
        return new CustomerChanges(
                values.billingEmail(),
                change(patch, "name", values.name(), Function.identity()),
                change(patch, "user_id", values.userId(), Function.identity()),
                change(patch, "default_payment_method_id", values.defaultPaymentMethodId(), Function.identity()),
                change(patch, "address", values.address(), Addresses::toAddress),
                change(patch, "tax_country", values.taxCountry(), Function.identity()),
                patch.has("metadata") && values.metadata() == null,
                values.metadata());
    }

    /** null: the field was absent (keep it); empty: it was null (clear it); else the new value. */
    private static <A, D> Optional<D> change(MergePatch<?> patch, String field, A value, Function<A, D> toDomain) {
        if (!patch.has(field)) {
            return null;
        }
        return Optional.ofNullable(value).map(toDomain);
    }
}
