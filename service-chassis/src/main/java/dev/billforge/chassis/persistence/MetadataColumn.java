package dev.billforge.chassis.persistence;

import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores a metadata map as a JSON text column; keys sorted so equal maps are equal text. */
@Converter
public class MetadataColumn implements AttributeConverter<Map<String, String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata == null ? Map.of() : new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        try {
            return column == null ? new TreeMap<>() : JSON.readValue(column, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt metadata column", e);
        }
    }
}
