package dev.billforge.events.customer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code customer.created} v1: a customer was created. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomerCreated(CustomerSnapshot customer) {
}
