package dev.billforge.testsupport;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.ValidatableResponse;

/** The problem+json shape every service answers errors with (see the chassis' problem package). */
public final class ProblemAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemAssertions() {
    }

    /** Asserts status, content type, stable {@code code} and its documentation {@code type}. */
    public static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status))
                .body("code", equalTo(code)).body("type", equalTo("https://docs.billforge.dev/errors/" + code))
                .body("title", notNullValue());
    }
}
