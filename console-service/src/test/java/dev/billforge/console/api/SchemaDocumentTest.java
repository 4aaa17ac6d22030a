package dev.billforge.console.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.billforge.testsupport.TestTokens;

/**
 * The GraphQL schema is a published contract like the REST API: {@code docs/schema.graphql} is what the console
 * serves, and this test fails when the two drift apart. After a deliberate change, write it anew with
 * {@code ./mvnw -pl console-service test -Dtest=SchemaDocumentTest -Dschema.write=true} and review the diff.
 */
@QuarkusTest
class SchemaDocumentTest {

    private static final Path DOCUMENT = Path.of("..").toAbsolutePath().normalize().resolve("docs/schema.graphql");

    @Test
    void theServedSchemaIsTheCommittedOne() throws IOException {
        String served = given().auth().oauth2(TestTokens.reader("tenant-schema")).get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.write")) {
            Files.writeString(DOCUMENT, served);
        }
        assertEquals(Files.exists(DOCUMENT) ? Files.readString(DOCUMENT) : "", served, DOCUMENT + " is out of date:"
                + " ./mvnw -pl console-service test -Dtest=SchemaDocumentTest -Dschema.write=true");
    }
}
