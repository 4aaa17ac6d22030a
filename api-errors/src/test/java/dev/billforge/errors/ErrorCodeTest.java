package dev.billforge.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one place an error code is written: no other production source spells a code, and the
 * published list ({@code docs/error-codes.md}) is rendered from it.
 */
class ErrorCodeTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCUMENT = REPOSITORY.resolve("docs/error-codes.md");
    /** Where API errors are made: the chassis and the services (tools and test libraries have words of their own). */
    private static final Pattern ANSWERING_MODULES = Pattern.compile("(service-chassis|[a-z]+-service)/.*");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*)\"");

    @Test
    void everyCodeIsLowerSnakeCaseWithAnErrorStatusAndAMeaning() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.wireName().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), code.name());
            assertTrue(code.status() >= 400 && code.status() <= 599, code.name());
            assertTrue(!code.meaning().isBlank() && code.meaning().endsWith("."), code.name());
        }
    }

    @Test
    void statusesTheHttpLayerProducesMapToCodesWithThatStatus() {
        for (int status : new int[] { 401, 403, 404, 405, 406, 413, 415, 500 }) {
            assertEquals(status, ErrorCode.forHttpStatus(status).status());
        }
        assertEquals(ErrorCode.BAD_REQUEST, ErrorCode.forHttpStatus(418));
    }

    @Test
    void noProductionSourceSpellsACodeOfTheCatalogue() throws IOException {
        Set<String> codes = ErrorCode.wireNames();
        List<String> spelled = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(REPOSITORY)) {
            for (Path source : sources.filter(ErrorCodeTest::isProductionJava).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = STRING_LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        if (codes.contains(literal.group(1))) {
                            spelled.add(REPOSITORY.relativize(source) + ":" + (i + 1) + " \"" + literal.group(1) + "\"");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), spelled, "use ErrorCode.X (or X.wireName()) instead of the string");
    }

    @Test
    void thePublishedListIsRenderedFromTheCatalogue() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("error-codes.write")) {
            Files.writeString(DOCUMENT, rendered);
        }
        assertEquals(rendered, Files.exists(DOCUMENT) ? Files.readString(DOCUMENT) : "", DOCUMENT
                + " is out of date: run ./mvnw -pl api-errors test -Dtest=ErrorCodeTest -Derror-codes.write=true");
    }

    private static boolean isProductionJava(Path path) {
        String relative = REPOSITORY.relativize(path).toString();
        return relative.endsWith(".java") && relative.contains("/src/main/java/") && !relative.contains("/target/")
                && !path.getFileName().toString().equals("ErrorCode.java")
                && ANSWERING_MODULES.matcher(relative).matches();
    }

    private static String render() {
        StringBuilder page = new StringBuilder("""
                # Error codes

                Every Billforge API error is `application/problem+json` with a stable `code` (RFC 9457 extension);
                `validation_failed` lists each bad field in `errors[]` with one of the field codes. Switch on the code,
                not on `title` or `detail`. Codes are added, never renamed or reused.

                Rendered from `api-errors/.../errors/ErrorCode.java` by `ErrorCodeTest`; do not edit by hand.

                | code | status | meaning |
                | --- | --- | --- |
                """);
        for (ErrorCode code : ErrorCode.values()) {
            page.append("| `").append(code.wireName()).append("` | ").append(code.status()).append(" | ")
                    .append(code.meaning()).append(" |\n");
        }
        return page.toString();
    }
}
