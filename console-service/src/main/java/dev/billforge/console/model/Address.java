package dev.billforge.console.model;

/** A postal address, as every service holds it; {@code country} is ISO 3166-1 alpha-2. */
public record Address(String line1, String line2, String city, String state, String postalCode, String country) {
}
