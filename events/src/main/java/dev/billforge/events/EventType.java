package dev.billforge.events;

/**
 * One published event type: its name (the CloudEvents {@code type}), the Kafka topic it travels on, the
 * version of its data schema and the record its data deserializes to.
 *
 * <p>Versioning rule: adding an optional field keeps the version; removing, renaming or retyping a field is a
 * new version published beside the old one, on a new topic, until consumers have moved.
 */
public record EventType<T>(String name, int version, String topic, Class<T> dataClass) {

    /** Base of every schema's {@code $id}; the schema files ship in this jar under {@link #SCHEMA_RESOURCE_DIR}. */
    public static final String SCHEMA_ID_BASE = "https://schemas.billforge.dev/events/";
    public static final String SCHEMA_RESOURCE_DIR = "dev/billforge/events/schemas/";

    /** The {@code dataschema} attribute: the {@code $id} of the JSON Schema that {@code data} conforms to. */
    public String schemaUri() {
        return SCHEMA_ID_BASE + schemaFileName();
    }

    /** Classpath location of the JSON Schema for this type's {@code data}. */
    public String schemaResource() {
        return SCHEMA_RESOURCE_DIR + schemaFileName();
    }

    private String schemaFileName() {
        return name + ".v" + version + ".json";
    }
}
