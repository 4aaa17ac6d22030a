package dev.billforge.chassis.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.chassis.tenancy.Roles;

/**
 * {@code /v1/test-clock} on every service: where the business clock stands, and moving it forward for the whole
 * platform. Answers 404 unless {@code billforge.test-clock.enabled}; even then only a billing admin may move it.
 */
@Path("/v1/test-clock")
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {

    public static final String DISABLED = "test_clock_disabled";
    public static final String BACKWARDS = "test_clock_cannot_go_back";

    private final TestClockConfig config;
    private final Clock clock;
    private final TestClockBroadcast broadcast;

    public TestClockResource(TestClockConfig config, Clock clock, TestClockBroadcast broadcast) {
        this.config = config;
        this.clock = clock;
        this.broadcast = broadcast;
    }

    /** {@code now}: the business time; {@code offset_seconds}: how far ahead of real time it runs. */
    public record TestClockResponse(String object, Instant now, long offsetSeconds) {
    }

    /**
     * A move: either to an instant ({@code to}) or by an ISO-8601 duration ({@code advance_by}, e.g. {@code P3D}).
     */
    public record AdvanceRequest(Instant to, Duration advanceBy) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public TestClockResponse get() {
        return describe(requireEnabled());
    }

    /** Moves every service's business clock forward; blocks until this service's clock has moved. */
    @POST
    @Path("/advance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public TestClockResponse advance(AdvanceRequest request) {
        TestClock testClock = requireEnabled();
        if (request == null || (request.to() == null) == (request.advanceBy() == null)) {
            throw ApiException.badRequest("validation_failed", "Give either 'to' (an instant) or 'advance_by' (an"
                    + " ISO-8601 duration such as P3D).");
        }
        Instant now = clock.instant();
        Instant target = request.to() != null ? request.to() : now.plus(request.advanceBy());
        if (target.isBefore(now)) {
            throw ApiException.badRequest(BACKWARDS, "The test clock reads " + now + " and only moves forward.");
        }
        broadcast.advanceTo(target);
        return describe(testClock);
    }

    private TestClock requireEnabled() {
        if (!config.enabled() || !(clock instanceof TestClock testClock)) {
            throw ApiException.notFound(DISABLED, "The test clock is not enabled on this deployment.");
        }
        return testClock;
    }

    private TestClockResponse describe(TestClock testClock) {
        return new TestClockResponse("test_clock", clock.instant(), testClock.offset().toSeconds());
    }
}
