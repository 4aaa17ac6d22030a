package dev.billforge.events;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A schema file with every {@code $ref} replaced by what it names, recursively: one self-contained schema. The
 * compatibility check compares these, so a change inside {@code definitions.json} (which every event schema refers
 * to) is seen in each event type it reaches, and each side resolves against its own files: a released schema against
 * the released {@code definitions.json}, the current one against today's.
 */
final class InlinedSchema {

    /** Keywords that only annotate: beside a {@code $ref} they can be laid over its target without changing it. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "$comment", "examples", "default",
            "deprecated");

    private final ContractFiles files = new ContractFiles();
    /** The refs being inlined, innermost last: a schema that refers to itself cannot be inlined. */
    private final Deque<String> inlining = new ArrayDeque<>();

    static ObjectNode of(Path schemaFile) {
        InlinedSchema inliner = new InlinedSchema();
        ObjectNode inlined = (ObjectNode) inliner.inline(schemaFile, inliner.files.read(schemaFile));
        inlined.remove("$defs"); // all inlined where used
        return inlined;
    }

    private JsonNode inline(Path file, JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(inline(file, item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            switch (field.getKey()) {
                case "$ref" -> {
                    // replaced below
                }
                case "const", "enum" -> copy.set(field.getKey(), field.getValue()); // values, not schemas
                default -> copy.set(field.getKey(), inline(file, field.getValue()));
            }
        }
        if (!node.has("$ref")) {
            return copy;
        }
        String ref = node.path("$ref").asText();
        ContractFiles.Target target = files.resolve(file, ref);
        if (target.node().isMissingNode()) {
            throw new IllegalStateException(file + ": " + ref + " names nothing");
        }
        String key = target.file() + (ref.contains("#") ? ref.substring(ref.indexOf('#')) : "");
        if (inlining.contains(key)) {
            throw new IllegalStateException("A recursive schema cannot be inlined: " + inlining + " -> " + key);
        }
        inlining.addLast(key);
        ObjectNode referenced = (ObjectNode) inline(target.file(), target.node());
        inlining.removeLast();
        referenced.remove(List.of("$schema", "$id", "$defs")); // a whole file's identity stays with the file
        if (onlyAnnotations(copy)) {
            referenced.setAll(copy);
            return referenced;
        }
        // Other keywords beside a $ref apply together with its target (JSON Schema 2020-12): keep both.
        copy.set("allOf", JsonNodeFactory.instance.arrayNode().add(referenced));
        return copy;
    }

    private static boolean onlyAnnotations(ObjectNode siblings) {
        for (Iterator<String> names = siblings.fieldNames(); names.hasNext();) {
            if (!ANNOTATIONS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private InlinedSchema() {
    }
}
