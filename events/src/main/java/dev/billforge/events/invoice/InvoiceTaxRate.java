package dev.billforge.events.invoice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The tax rate an invoice was taxed at, as it was then (rates are superseded, never edited).
 *
 * @param percentage an exact decimal as a string ({@code "19"}, {@code "8.875"}), never a binary floating point
 * @param inclusive true: the tax is inside the line prices; false: it is added to them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InvoiceTaxRate(String displayName, String country, String region, String percentage,
        boolean inclusive) {
}
