package dev.billforge.chassis.time;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Resource ids as UUID version 7 (RFC 9562): 48 bits of creation time in milliseconds, then random bits. They sort
 * by creation time, which keeps primary-key indexes append-only, and they let another service tell a brand-new id
 * (whose announcing event may still be on its way) from one that does not exist.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    /** A new id minted now, in real time: whether an id is brand-new is a question about events in flight. */
    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** When a version-7 id was minted; empty for any other kind of UUID. */
    public static Optional<Instant> mintedAt(UUID id) {
        if (id.version() != 7 || id.variant() != 2) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16));
    }
}
