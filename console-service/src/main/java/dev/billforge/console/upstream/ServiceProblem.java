package dev.billforge.console.upstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import dev.billforge.errors.ErrorCode;
import dev.billforge.errors.FieldError;

/**
 * A problem a service answered (its problem+json), or one the console answers itself with a catalogue code. As a
 * GraphQL error it carries {@code extensions.code} (the stable code), {@code extensions.status} (the HTTP status the
 * REST API answered) and, for {@code validation_failed}, {@code extensions.errors} ({field, code, message}, the
 * field as the REST API names it). Its message is the problem's detail: shown to the client (the one runtime
 * exception SmallRye GraphQL is configured to show).
 */
public class ServiceProblem extends RuntimeException implements GraphQLError {

    private final String code;
    private final int status;
    private final List<Field> fields;

    public ServiceProblem(String code, int status, String detail, List<Field> fields) {
        super(detail, null, false, false); // an expected outcome: no stack trace to fill
        this.code = code;
        this.status = status;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A problem the console answers itself, before or instead of calling a service. */
    public static ServiceProblem of(ErrorCode code, String detail) {
        return new ServiceProblem(code.wireName(), code.status(), detail, List.of());
    }

    /** A {@code validation_failed} problem the console answers itself, naming the one field that is wrong. */
    public static ServiceProblem invalidField(String field, ErrorCode fieldCode, String message) {
        return new ServiceProblem(ErrorCode.VALIDATION_FAILED.wireName(), ErrorCode.VALIDATION_FAILED.status(),
                message, List.of(new Field(field, fieldCode.wireName(), message)));
    }

    /** One field of a {@code validation_failed} problem, as the REST API named it (snake_case path). */
    public record Field(String field, String code, String message) {

        public static Field of(FieldError error) {
            return new Field(error.field(), error.code().wireName(), error.message());
        }
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public List<Field> fields() {
        return fields;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null; // SmallRye GraphQL adds the field's location
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    /** jakarta.json values: SmallRye GraphQL writes them as they are (anything else as a string). */
    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", Json.createValue(code));
        extensions.put("status", Json.createValue(status));
        if (!fields.isEmpty()) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            fields.forEach(field -> errors.add(Json.createObjectBuilder().add("field", field.field())
                    .add("code", field.code()).add("message", field.message() == null ? "" : field.message())));
            extensions.put("errors", errors.build());
        }
        return extensions;
    }
}
