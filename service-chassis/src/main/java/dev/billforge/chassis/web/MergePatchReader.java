package dev.billforge.chassis.web;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/**
 * Reads a PATCH body with JSON merge-patch semantics (RFC 7396): a field that is absent stays as it is, a field that
 * is {@code null} is cleared, any other value replaces the old one. A plain record cannot tell "absent" from
 * "null", so the body arrives as a tree, is bound to the request record with the API's strict ObjectMapper, validated
 * like any request body, and handed over together with the names of the fields that were present.
 */
@ApplicationScoped
public class MergePatchReader {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper json;
    private final Validator validator;

    public MergePatchReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A patch: the bound values and the JSON names of the fields the client sent. */
    public record MergePatch<T>(T values, Set<String> present) {
        public boolean has(String jsonField) {
            return present.contains(jsonField);
        }
    }

    public <T> MergePatch<T> read(JsonNode body, Class<T> type) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ApiException.of(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        T values = json.treeToValue(body, type); // unknown fields and wrong types fail here, as for any body
        Set<ConstraintViolation<T>> violations = validator.validate(values);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        return new MergePatch<>(values, Set.copyOf(present));
    }
}
