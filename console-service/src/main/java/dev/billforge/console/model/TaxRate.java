package dev.billforge.console.model;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A tenant's tax rate for a country (and region): exclusive (added to lines) or inclusive (in their amounts). */
public record TaxRate(@Id @NonNull String id, String displayName, String country, String region,
        BigDecimal percentage, boolean inclusive, Instant createdAt) {
}
