package dev.billforge.errors;

/**
 * One invalid input field in a {@code validation_failed} problem.
 *
 * @param field the snake_case path of the field as the client sent it, for example {@code address.country}
 * @param code a stable machine-readable reason from the catalogue, for example {@code required}
 * @param message a human-readable explanation
 */
public record FieldError(String field, ErrorCode code, String message) {
}
