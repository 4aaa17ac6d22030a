package dev.billforge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.apicurio.registry.content.TypedContent;
import io.apicurio.registry.rules.compatibility.CompatibilityDifference;
import io.apicurio.registry.rules.compatibility.CompatibilityLevel;
import io.apicurio.registry.rules.compatibility.JsonSchemaCompatibilityChecker;
import io.apicurio.registry.rules.compatibility.JsonSchemaCompatibilityDifference;
import io.apicurio.registry.rules.compatibility.jsonschema.diff.DiffType;

/**
 * A released schema version is a promise to the teams that consume it. This test compares each schema with its copy
 * in the last release ({@code src/test/resources/released/<version>/}) and fails the build on a change its consumers
 * could not read. A breaking change is a new type version instead ({@code <type>.v2.json}, a new {@link EventType} on
 * a topic of its own): the release has no such file, so nothing is compared with it.
 *
 * <p>Two kinds of consumers must keep reading, so the check runs Apicurio Registry's rules both ways:
 * <ul>
 * <li>{@link CompatibilityLevel#FORWARD}: a consumer still holding the released schema reads the events published
 * from now on. This refuses a removed or retyped field, and a new enum value (a new payment provider, say).
 * <li>{@link CompatibilityLevel#BACKWARD}: a consumer that moved to the current schema reads the events already on
 * the topics (it replays them, or starts from the earliest offset). This refuses a new required field and a tightened
 * constraint. One of Apicurio's BACKWARD findings is not a break here: a property added to an object that allowed
 * any others (all of ours do). Apicurio counts it because an old event could have carried a property of that name
 * with another type; a field is added to a Billforge record and to its schema in one change, so no old event has
 * one, and an added optional field passes, as the versioning rule in {@link EventType} says.
 * </ul>
 * Each side is compared with its {@code $ref}s inlined ({@link InlinedSchema}), each against its own
 * {@code definitions.json}, so a change inside the shared definitions counts in every type that reaches it.
 */
class SchemaCompatibilityTest {

    private static final Pattern TYPE_VERSION = Pattern.compile("(.+)\\.v(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DRAFT_2020_12_ONLY = List.of("prefixItems", "unevaluatedProperties",
            "unevaluatedItems", "dependentRequired", "dependentSchemas", "minContains", "maxContains", "$dynamicRef",
            "$anchor");
    private static final JsonSchemaCompatibilityChecker CHECKER = new JsonSchemaCompatibilityChecker();
    /**
     * Who would fail to read, for the failure message. Apicurio names a FORWARD finding as seen from the current
     * schema towards the released one: "required member added" there means the current schema dropped it.
     */
    private static final Map<CompatibilityLevel, String> READER = Map.of(
            CompatibilityLevel.FORWARD, "a consumer of the release reading new events (FORWARD)",
            CompatibilityLevel.BACKWARD, "a consumer of the current schema reading events already published (BACKWARD)");

    private static Path released;

    @BeforeAll
    static void findLastRelease() throws IOException {
        try (Stream<Path> releases = Files.list(ContractFiles.RELEASED)) {
            released = releases.filter(Files::isDirectory)
                    .max(Comparator.comparing(dir -> dir.getFileName().toString(), SchemaCompatibilityTest::byVersion))
                    .orElseThrow(() -> new AssertionError("no release under " + ContractFiles.RELEASED));
        }
    }

    @Test
    void everyReleasedTypeVersionIsStillCatalogedAndPublished() {
        List<String> removed = new ArrayList<>();
        for (Path file : releasedSchemas()) {
            if (!Files.exists(ContractFiles.SCHEMAS.resolve(file.getFileName()))) {
                removed.add(file.getFileName() + " (schema file gone)");
            }
            Matcher typeVersion = TYPE_VERSION.matcher(file.getFileName().toString());
            if (typeVersion.matches() && EventCatalog.ALL.stream().noneMatch(type -> type.name()
                    .equals(typeVersion.group(1)) && type.version() == Integer.parseInt(typeVersion.group(2)))) {
                removed.add(file.getFileName() + " (not in EventCatalog)"); // envelope.json, definitions.json: shared
            }
        }
        assertTrue(removed.isEmpty(), "Released in " + released.getFileName() + ", no longer published: " + removed
                + ". Consumers still read these; publish a new version beside the old one instead.");
    }

    @Test
    void noReleasedSchemaChangedInAWayItsConsumersCannotRead() {
        List<String> breaking = new ArrayList<>();
        for (Path file : releasedSchemas()) {
            Path current = ContractFiles.SCHEMAS.resolve(file.getFileName());
            if (file.getFileName().toString().equals("definitions.json") || !Files.exists(current)) {
                continue; // definitions.json is compared inside every schema that uses it; a removal fails above
            }
            List<String> changes = breakingChanges(InlinedSchema.of(file), InlinedSchema.of(current));
            if (!changes.isEmpty()) {
                breaking.add(file.getFileName() + ": " + changes);
            }
        }
        assertTrue(breaking.isEmpty(), "Breaking changes to schemas released in " + released.getFileName() + ":\n  "
                + String.join("\n  ", breaking) + "\nKeep the released version as it was and publish the change as a "
                + "new version (a new <type>.vN.json and EventType, on a topic of its own).");
    }

    @Test
    void aRemovedRequiredFieldIsRefused() {
        ObjectNode releasedSchema = InlinedSchema.of(released.resolve("invoice.paid.v1.json"));
        ObjectNode withoutPaymentId = releasedSchema.deepCopy();
        removeRequired(withoutPaymentId, "payment_id");

        List<String> changes = breakingChanges(releasedSchema, withoutPaymentId);

        assertFalse(changes.isEmpty(), "consumers of invoice.paid v1 read payment_id");
        assertTrue(changes.toString().contains("required"), changes.toString());
    }

    @Test
    void aRequiredFieldRemovedInsideDefinitionsIsRefusedInEveryTypeThatUsesIt(@TempDir Path changedRelease)
            throws IOException {
        ObjectNode definitions = copyReleaseTo(changedRelease);
        removeRequired((ObjectNode) definitions.at("/$defs/invoice"), "number");
        JSON.writeValue(changedRelease.resolve("definitions.json").toFile(), definitions);

        for (String type : List.of("invoice.finalized.v1.json", "invoice.paid.v1.json", "invoice.voided.v1.json")) {
            assertFalse(breakingChanges(InlinedSchema.of(released.resolve(type)),
                    InlinedSchema.of(changedRelease.resolve(type))).isEmpty(),
                    type + " reaches the invoice's number through definitions.json");
        }
        assertEquals(List.of(), breakingChanges(InlinedSchema.of(released.resolve("customer.created.v1.json")),
                InlinedSchema.of(changedRelease.resolve("customer.created.v1.json"))), "customer.created has no invoice");
    }

    @Test
    void anAddedOptionalFieldIsAccepted() {
        ObjectNode releasedSchema = InlinedSchema.of(released.resolve("invoice.paid.v1.json"));
        ObjectNode withPaidOutOfBand = releasedSchema.deepCopy();
        ((ObjectNode) withPaidOutOfBand.at("/properties/invoice/properties")).putObject("paid_out_of_band")
                .put("description", "Settled outside the platform (a bank transfer marked paid by hand)")
                .put("type", "boolean");

        assertEquals(List.of(), breakingChanges(releasedSchema, withPaidOutOfBand));
    }

    @Test
    void anAddedRequiredFieldIsRefusedBecauseTheEventsAlreadyPublishedLackIt() {
        ObjectNode releasedSchema = InlinedSchema.of(released.resolve("customer.deleted.v1.json"));
        ObjectNode withReason = releasedSchema.deepCopy();
        ((ObjectNode) withReason.get("properties")).putObject("reason").put("type", "string");
        ((ArrayNode) withReason.get("required")).add("reason");

        assertFalse(breakingChanges(releasedSchema, withReason).isEmpty());
    }

    @Test
    void aNewPaymentProviderIsRefusedBecauseConsumersOfTheReleaseDoNotKnowIt(@TempDir Path changedRelease)
            throws IOException {
        ObjectNode definitions = copyReleaseTo(changedRelease);
        ((ArrayNode) definitions.at("/$defs/payment/properties/provider/enum")).add("adyen");
        JSON.writeValue(changedRelease.resolve("definitions.json").toFile(), definitions);

        assertFalse(breakingChanges(InlinedSchema.of(released.resolve("payment.succeeded.v1.json")),
                InlinedSchema.of(changedRelease.resolve("payment.succeeded.v1.json"))).isEmpty());
    }

    /**
     * What in {@code current} breaks a consumer of {@code releasedSchema}, in Apicurio's words and at its path; empty
     * when nothing does. See the class comment for why both directions, and the one BACKWARD finding left out.
     */
    static List<String> breakingChanges(JsonNode releasedSchema, JsonNode current) {
        Set<String> breaking = new TreeSet<>();
        for (CompatibilityLevel level : List.of(CompatibilityLevel.FORWARD, CompatibilityLevel.BACKWARD)) {
            CHECKER.testCompatibility(level, List.of(json(releasedSchema)), json(current), Map.of())
                    .getIncompatibleDifferences().stream()
                    .filter(difference -> level == CompatibilityLevel.FORWARD || !propertyAddedToAnOpenObject(difference))
                    .map(CompatibilityDifference::asRuleViolation)
                    .forEach(violation -> breaking.add(READER.get(level) + ": " + violation.getDescription()
                            + " at " + violation.getContext()));
        }
        return List.copyOf(breaking);
    }

    /** Apicurio's finding for a property the current schema names where the released one allowed any property. */
    private static boolean propertyAddedToAnOpenObject(CompatibilityDifference difference) {
        return difference instanceof JsonSchemaCompatibilityDifference json
                && json.getDifference().getDiffType() == DiffType.OBJECT_TYPE_PROPERTY_SCHEMAS_NARROWED
                && json.getDifference().getSubSchemaOriginal().equals("true"); // released: additionalProperties true
    }

    /**
     * The schema as Apicurio's loader (everit) takes it: it knows drafts 4 to 7, not 2020-12, so the copy compared
     * declares draft 7. Every keyword these schemas use means the same in both (their {@code $defs} are inlined
     * already); one that does not would make the comparison wrong, so it stops the test instead.
     */
    private static TypedContent json(JsonNode schema) {
        for (String keyword : DRAFT_2020_12_ONLY) {
            if (!schema.findParents(keyword).isEmpty()) {
                throw new IllegalStateException("The schemas use " + keyword + ", which Apicurio's draft-7 rules do not "
                        + "know: compare them another way before relying on this check");
            }
        }
        ObjectNode draft7 = ((ObjectNode) schema).deepCopy().put("$schema", "http://json-schema.org/draft-07/schema#");
        return TypedContent.create(draft7.toString(), "application/json");
    }

    /** Copies the last release's schemas to {@code dir} and returns its definitions, to change them there. */
    private static ObjectNode copyReleaseTo(Path dir) throws IOException {
        for (Path file : releasedSchemas()) {
            Files.copy(file, dir.resolve(file.getFileName()));
        }
        return (ObjectNode) JSON.readTree(dir.resolve("definitions.json").toFile());
    }

    private static void removeRequired(ObjectNode schema, String field) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(field)) {
                required.remove(i);
            }
        }
        ((ObjectNode) schema.get("properties")).remove(field);
    }

    private static List<Path> releasedSchemas() {
        try (Stream<Path> files = Files.list(released)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orders release directories by version number: 0.10.0 after 0.9.0. */
    private static int byVersion(String left, String right) {
        int[] a = Arrays.stream(left.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] b = Arrays.stream(right.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(a, b);
    }
}
