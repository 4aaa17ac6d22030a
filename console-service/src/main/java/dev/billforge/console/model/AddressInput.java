package dev.billforge.console.model;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AddressInput")
public record AddressInput(String line1, String line2, String city, String state, String postalCode,
        @NonNull String country) {
}
