package dev.billforge.chassis.directory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import dev.billforge.chassis.secrets.SealedPersonalData;

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
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** Time of the newest event applied, so an older event arriving late never overwrites a newer state. */
    @Column(name = "as_of", nullable = false)
    public Instant asOf;

    public boolean live() {
        return deletedAt == null;
    }

    public record Key(String tenantId, UUID customerId) {
        public Key() {
            this(null, null);
        }
    }
}
