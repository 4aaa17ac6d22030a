package dev.billforge.chassis.directory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.chassis.secrets.SealedPersonalData;
import dev.billforge.events.customer.PostalAddress;

/**
 * A service's own copy of what it needs to know about a customer, built from customer-service's events. Services
 * never read customer-service's tables; they keep this projection in their own schema instead.
 */
@Entity
@Table(name = "known_customer")
@IdClass(KnownCustomer.Key.class)
public class KnownCustomer {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Id
    @Column(name = "customer_id")
    public UUID customerId;
    /** Sealed at rest, like {@link #name} (personal data; see the chassis' PersonalData). */
    @Column(name = "billing_email", nullable = false)
    @Convert(converter = SealedPersonalData.class)
    public String billingEmail;
    @Convert(converter = SealedPersonalData.class)
    public String name;
    /** ISO 3166-1 alpha-2: where the customer is taxed (picks the tax rate); null when not given. */
    @Column(name = "tax_country")
    public String taxCountry;
    /** The billing address as snake_case JSON of the event's {@code PostalAddress}, sealed; null when not given. */
    @Column(name = "billing_address")
    @Convert(converter = SealedPersonalData.class)
    public String billingAddress;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** Time of the newest event applied, so an older event arriving late never overwrites a newer state. */
    @Column(name = "as_of", nullable = false)
    public Instant asOf;

    public boolean live() {
        return deletedAt == null;
    }

    /** The billing address, or null. */
    public PostalAddress address() {
        if (billingAddress == null) {
            return null;
        }
        try {
            return ADDRESS_JSON.readValue(billingAddress, PostalAddress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable billing address of customer " + customerId, e);
        }
    }

    /** The country that picks the customer's tax rate: the tax country, else the billing address's. */
    public String taxCountryOrAddressCountry() {
        PostalAddress address = address();
        return taxCountry != null ? taxCountry : address == null ? null : address.country();
    }

    static String addressJson(PostalAddress address) {
        try {
            return address == null ? null : ADDRESS_JSON.writeValueAsString(address);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final ObjectMapper ADDRESS_JSON = new ObjectMapper();

    public record Key(String tenantId, UUID customerId) {
        public Key() {
            this(null, null);
        }
    }
}
