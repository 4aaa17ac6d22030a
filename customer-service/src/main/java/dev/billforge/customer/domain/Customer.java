package dev.billforge.customer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.chassis.domain.MetadataMerge;
import dev.billforge.chassis.paging.PageCursor;
import dev.billforge.chassis.persistence.MetadataColumn;
import dev.billforge.chassis.secrets.SealedPersonalData;

/**
 * A tenant's customer: who is billed, where invoices go, which payment method is charged by default. Deleting a
 * customer is a soft delete: invoices and payments keep pointing at it.
 */
@Entity
@Table(name = "customer")
public class Customer implements PageCursor {

    @Id
    private UUID id;
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    // Personal data is sealed at rest (chassis PersonalData); the email filter goes through billingEmailIndex.
    @Column(name = "billing_email", nullable = false)
    @Convert(converter = SealedPersonalData.class)
    private String billingEmail;
    /** A keyed hash of the email (chassis PersonalData.blindIndex): the only way to look a customer up by email. */
    @Column(name = "billing_email_index")
    private String billingEmailIndex;
    @Convert(converter = SealedPersonalData.class)
    private String name;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "default_payment_method_id")
    private String defaultPaymentMethodId;
    @Embedded
    private Address address;
    @Column(name = "tax_country")
    private String taxCountry;
    @Convert(converter = MetadataColumn.class)
    @Column(nullable = false)
    private Map<String, String> metadata = new TreeMap<>();
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Customer() {
        // for Hibernate
    }

    public static Customer create(UUID id, String tenantId, CustomerDetails details, Instant now) {
        Customer customer = new Customer();
        customer.id = id;
        customer.tenantId = tenantId;
        customer.billingEmail = details.billingEmail().trim();
        customer.name = details.name();
        customer.userId = details.userId();
        customer.defaultPaymentMethodId = details.defaultPaymentMethodId();
        customer.address = details.address();
        customer.taxCountry = details.taxCountry();
        customer.metadata = details.metadata() == null ? new TreeMap<>() : new TreeMap<>(details.metadata());
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }

    /**
     * Applies a partial update.
     *
     * @return the snake_case names of the fields that actually changed, sorted; empty when nothing changed (and then
     *         {@code updated_at} stays as it was)
     */
    public List<String> apply(CustomerChanges changes, Instant now) {
        List<String> changed = new ArrayList<>();
        if (changes.billingEmail() != null && !changes.billingEmail().trim().equals(billingEmail)) {
            billingEmail = changes.billingEmail().trim();
            changed.add("billing_email");
        }
        name = update(changes.name(), name, "name", changed);
        userId = update(changes.userId(), userId, "user_id", changed);
        defaultPaymentMethodId = update(changes.defaultPaymentMethodId(), defaultPaymentMethodId,
                "default_payment_method_id", changed);
        address = update(changes.address(), address, "address", changed);
        taxCountry = update(changes.taxCountry(), taxCountry, "tax_country", changed);
        Map<String, String> mergedMetadata = MetadataMerge.merge(metadata, changes.clearMetadata(),
                changes.metadataPatch());
        if (!mergedMetadata.equals(metadata)) {
            metadata = mergedMetadata;
            changed.add("metadata");
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        Collections.sort(changed);
        return List.copyOf(changed);
    }

    /** Records the blind index of the current billing email (computed by the service, which holds the key). */
    public void indexEmail(String index) {
        billingEmailIndex = index;
    }

    public String billingEmailIndex() {
        return billingEmailIndex;
    }

    public void delete(Instant now) {
        deletedAt = now;
        updatedAt = now;
    }

    private static <T> T update(Optional<T> change, T current, String field, List<String> changed) {
        if (change == null) {
            return current;
        }
        T next = change.orElse(null);
        if (!Objects.equals(next, current)) {
            changed.add(field);
        }
        return next;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String billingEmail() {
        return billingEmail;
    }

    public String name() {
        return name;
    }

    public String userId() {
        return userId;
    }

    public String defaultPaymentMethodId() {
        return defaultPaymentMethodId;
    }

    public Address address() {
        return address;
    }

    public String taxCountry() {
        return taxCountry;
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
