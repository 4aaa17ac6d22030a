package dev.billforge.events.customer;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code customer.updated} v1: one or more fields changed.
 *
 * @param customer the customer after the change
 * @param changedFields the snake_case names of the fields the change touched, sorted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerUpdated(CustomerSnapshot customer, List<String> changedFields) {
}
