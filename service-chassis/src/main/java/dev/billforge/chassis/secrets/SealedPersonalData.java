package dev.billforge.chassis.secrets;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.quarkus.arc.Arc;

/**
 * {@code @Convert(converter = SealedPersonalData.class)} on an entity's personal-data column: sealed on the way to
 * the database, opened on the way back ({@link PersonalData}). The column can then only be compared through a
 * blind index, never in SQL.
 */
@Converter
public class SealedPersonalData implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String value) {
        return value == null ? null : personalData().seal(value);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : personalData().open(stored);
    }

    /** Looked up, not injected: Hibernate creates converters itself. */
    private static PersonalData personalData() {
        return Arc.container().instance(PersonalData.class).get();
    }
}
