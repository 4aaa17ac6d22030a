package dev.billforge.payment.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A tenant's account with one payment provider. The credentials are stored sealed (AES-GCM, see the chassis'
 * {@code SecretCipher}); this entity only carries the sealed text and the id of the key that sealed it, and
 * {@link #livemode()}, which is not secret.
 */
@Entity
@Table(name = "provider_account")
@IdClass(ProviderAccount.Key.class)
public class ProviderAccount {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    @Id
    private String provider;
    @Column(name = "key_id", nullable = false)
    private String keyId;
    @Column(nullable = false)
    private String credentials;
    @Column(nullable = false)
    private boolean livemode;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProviderAccount() {
        // for Hibernate
    }

    public static ProviderAccount create(String tenantId, String provider, Instant now) {
        ProviderAccount account = new ProviderAccount();
        account.tenantId = tenantId;
        account.provider = provider;
        account.createdAt = now;
        return account;
    }

    /** Replaces the stored credentials (the whole set: a PUT). */
    public void replaceCredentials(String sealedKeyId, String sealedCredentials, boolean live, Instant now) {
        keyId = sealedKeyId;
        credentials = sealedCredentials;
        livemode = live;
        updatedAt = now;
    }

    /** Where the sealed credentials belong; part of what they are sealed with, so they open in this row only. */
    public static String sealingContext(String tenantId, String provider) {
        return tenantId + "/" + provider + "/credentials";
    }

    public String tenantId() {
        return tenantId;
    }

    public String provider() {
        return provider;
    }

    public String keyId() {
        return keyId;
    }

    public String sealedCredentials() {
        return credentials;
    }

    public boolean livemode() {
        return livemode;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public record Key(String tenantId, String provider) {
        public Key() {
            this(null, null);
        }
    }
}
