package dev.billforge.console.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The console's fast reading of the services' instants agrees with {@link Instant#parse} on every form. */
class ServiceInstantsTest {

    @Test
    void readsEveryPrecisionTheServicesWriteExactlyAsInstantParseDoes() {
        for (String text : new String[] { "2026-12-06T18:25:00Z", "2026-12-06T18:25:00.1Z", "2026-12-06T18:25:00.123Z",
                "2026-12-06T18:25:00.123456Z", "2026-12-06T18:25:00.123456789Z", "1970-01-01T00:00:00Z",
                "2028-02-29T23:59:59.999999Z", "2026-12-06T18:25:00.Z", "2026-12-06T18:25:00+01:00", "+12026-12-06T18:25:00Z" }) {
            assertEquals(Instant.parse(text), ServiceInstants.parse(text), text);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] { "2026-13-06T18:25:00Z", "2026-02-30T18:25:00Z", "2026-12-06T24:00:00Z",
                "2026-12-06T18:2a:00Z", "2026-12-06 18:25:00Z" }) {
            assertThrows(DateTimeException.class, () -> ServiceInstants.parse(text), text);
        }
    }
}
