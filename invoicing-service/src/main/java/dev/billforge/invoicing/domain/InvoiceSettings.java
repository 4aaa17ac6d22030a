package dev.billforge.invoicing.domain;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.billforge.events.customer.PostalAddress;
import dev.billforge.events.invoice.InvoiceParty;

/**
 * What a tenant's invoices print about the seller, and their footer (bank details, registration, payment terms).
 * Each invoice keeps a copy from when it was finalized: changing the settings changes invoices finalized afterwards.
 */
@Entity
@Table(name = "invoice_settings")
public class InvoiceSettings {

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    @Column(name = "seller_name")
    private String sellerName;
    @Column(name = "seller_email")
    private String sellerEmail;
    @Column(name = "seller_tax_id")
    private String sellerTaxId;
    @Column(name = "address_line1")
    private String line1;
    @Column(name = "address_line2")
    private String line2;
    @Column(name = "address_city")
    private String city;
    @Column(name = "address_state")
    private String state;
    @Column(name = "address_postal_code")
    private String postalCode;
    @Column(name = "address_country")
    private String country;
    private String footer;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected InvoiceSettings() {
        // for Hibernate
    }

    /** A tenant's settings before it set any: its invoices print no seller details and no footer. */
    public static InvoiceSettings none(String tenantId, Instant now) {
        InvoiceSettings settings = new InvoiceSettings();
        settings.tenantId = Objects.requireNonNull(tenantId);
        settings.updatedAt = now;
        return settings;
    }

    /** Replaces every setting (a PUT: what is not given is cleared). */
    public void replace(InvoiceParty seller, String footer, Instant now) {
        PostalAddress address = seller.address();
        this.sellerName = seller.name();
        this.sellerEmail = seller.email();
        this.sellerTaxId = seller.taxId();
        this.line1 = address == null ? null : address.line1();
        this.line2 = address == null ? null : address.line2();
        this.city = address == null ? null : address.city();
        this.state = address == null ? null : address.state();
        this.postalCode = address == null ? null : address.postalCode();
        this.country = address == null ? null : address.country();
        this.footer = footer;
        this.updatedAt = now;
    }

    /** The seller as invoices print it. */
    public InvoiceParty seller() {
        PostalAddress address = country == null ? null
                : new PostalAddress(line1, line2, city, state, postalCode, country);
        return new InvoiceParty(sellerName, sellerEmail, sellerTaxId, address);
    }

    public String tenantId() {
        return tenantId;
    }

    public String footer() {
        return footer;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
