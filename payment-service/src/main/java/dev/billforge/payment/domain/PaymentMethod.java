package dev.billforge.payment.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.persistence.MetadataColumn;

/**
 * A customer's saved way to pay: a token of a payment provider that stands for a card the provider holds. We keep
 * the token (to charge it) and what may be shown (brand, last 4), never card data. The default method is the one
 * invoices are charged to. Detaching is a soft delete: payments keep pointing at the method they used.
 */
@Entity
@Table(name = "payment_method")
public class PaymentMethod implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    @Column(name = "customer_id", nullable = false, updatable = false)
    private UUID customerId;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(name = "provider_token", nullable = false, updatable = false)
    private String providerToken;
    /** The provider's customer the token is attached to (Stripe's cus_...), null for the simulator. */
    @Column(name = "provider_customer_id", updatable = false)
    private String providerCustomerId;
    @Column(nullable = false, updatable = false)
    private String brand;
    @Column(nullable = false, updatable = false)
    private String last4;
    @Column(name = "is_default", nullable = false)
    private boolean isDefault;
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false)
    private Map<String, String> metadata = new TreeMap<>();
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "detached_at")
    private Instant detachedAt;

    protected PaymentMethod() {
        // for Hibernate
    }

    /**
     * @param firstOfCustomer the customer has no default yet: this method becomes it, so invoices can be charged
     *        without a second call
     */
    public static PaymentMethod attach(UUID id, String tenantId, VerifiedPaymentMethod verified, boolean firstOfCustomer,
            Instant now) {
        NewPaymentMethod details = verified.details();
        PaymentMethod method = new PaymentMethod();
        method.id = id;
        method.tenantId = tenantId;
        method.customerId = details.customerId();
        method.provider = details.provider();
        method.providerToken = details.token();
        method.providerCustomerId = verified.providerCustomerId();
        method.brand = verified.card().brand();
        method.last4 = verified.card().last4();
        method.isDefault = firstOfCustomer;
        method.metadata = details.metadata() == null ? new TreeMap<>() : new TreeMap<>(details.metadata());
        method.createdAt = now;
        return method;
    }

    public void makeDefault() {
        isDefault = true;
    }

    /** Detached methods are never charged again; a detached default leaves the customer without a default. */
    public void detach(Instant now) {
        isDefault = false;
        detachedAt = now;
    }

    public boolean detached() {
        return detachedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID customerId() {
        return customerId;
    }

    public String provider() {
        return provider;
    }

    public String providerToken() {
        return providerToken;
    }

    public String providerCustomerId() {
        return providerCustomerId;
    }

    public Card card() {
        return new Card(brand, last4);
    }

    public boolean isDefault() {
        return isDefault;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant detachedAt() {
        return detachedAt;
    }
}
