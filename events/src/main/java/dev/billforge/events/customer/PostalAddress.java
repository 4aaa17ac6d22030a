package dev.billforge.events.customer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A billing address; {@code country} is an ISO 3166-1 alpha-2 code. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PostalAddress(String line1, String line2, String city, String state, String postalCode,
        String country) {
}
