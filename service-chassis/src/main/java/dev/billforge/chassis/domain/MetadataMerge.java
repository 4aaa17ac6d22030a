package dev.billforge.chassis.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * How every record's {@code metadata} takes a PATCH (as Stripe does): keys in the patch are set, a key patched to
 * {@code null} is removed, other keys stay; {@code metadata: null} clears the map first.
 */
public final class MetadataMerge {

    private MetadataMerge() {
    }

    /** The merged metadata, keys sorted; {@code patch} may be null (no metadata in the PATCH). */
    public static Map<String, String> merge(Map<String, String> current, boolean clear, Map<String, String> patch) {
        Map<String, String> merged = new TreeMap<>(clear || current == null ? Map.of() : current);
        if (patch != null) {
            patch.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
        }
        return merged;
    }
}
