package dev.billforge.chassis.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one way a closed set of names (a status, a type) is modelled: an enum implementing this, whose constants are
 * spelled in lower case on the wire, in the events and in the database ({@code PAST_DUE} is {@code past_due}). The
 * column is stored through the enum's {@link WireNameColumn} and guarded by a CHECK listing the same names.
 */
public interface WireName {

    /** The enum constant's name (every enum has it). */
    String name();

    /** The lower-case name the API, the events and the database use. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelled {@code value} exactly, or empty. */
    static <E extends Enum<E> & WireName> Optional<E> fromWire(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.wire().equals(value)).findFirst();
    }

    /** "a, b, c": every name of {@code type}, for error messages. */
    static <E extends Enum<E> & WireName> String allWire(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", "));
    }
}
