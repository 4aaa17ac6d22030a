package dev.billforge.chassis.persistence;

import jakarta.persistence.AttributeConverter;

import dev.billforge.chassis.domain.WireName;

/**
 * Stores a {@link WireName} enum by its wire name, so a table reads like the API. Each enum declares its own
 * {@code @Converter public static class Column extends WireNameColumn<Self>} (JPA needs a concrete class).
 */
public abstract class WireNameColumn<E extends Enum<E> & WireName> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireNameColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wire();
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : WireName.fromWire(type, column).orElseThrow(() -> new IllegalStateException(
                "Unknown " + type.getSimpleName() + " in the database: " + column));
    }
}
