package dev.billforge.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The published contract's files as a consumer reads them: the AsyncAPI document and the JSON Schemas, with their
 * {@code $ref}s resolved the way the documents write them (a path relative to the referring file, then a JSON
 * pointer), not through the producer's classes. Paths are relative to the {@code events} module, where Maven runs
 * its tests.
 */
final class ContractFiles {

    static final Path ASYNCAPI = Path.of("asyncapi.yaml");
    static final Path SCHEMAS = Path.of("src/main/resources").resolve(EventType.SCHEMA_RESOURCE_DIR);
    static final Path RELEASED = Path.of("src/test/resources/released");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<Path, JsonNode> read = new HashMap<>();

    /** What a {@code $ref} names: the node, and the file it is in (against which its own refs resolve). */
    record Target(Path file, JsonNode node) {
    }

    JsonNode read(Path file) {
        return read.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
            try {
                return (path.toString().endsWith(".yaml") ? YAML : JSON).readTree(path.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        });
    }

    /**
     * Resolves {@code ref} written in {@code from}; the node is {@link JsonNode#isMissingNode() missing} when the
     * pointer names nothing, and an absent file fails with a message naming both files.
     */
    Target resolve(Path from, String ref) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        Path target = file.isEmpty() ? from : from.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.isRegularFile(target)) {
            throw new AssertionError(from + " refers to " + ref + ", but there is no file " + target);
        }
        return new Target(target, read(target).at(JsonPointer.compile(pointer)));
    }
}
