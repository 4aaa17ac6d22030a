package dev.billforge.chassis.time;

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
import dev.billforge.errors.ErrorCode;
import dev.billforge.chassis.tenancy.Roles;
import dev.billforge.chassis.tenancy.TenantContext;

/**
 * {@code /v1/test-clock} on every service: where the calling tenant's business clock stands, and moving a tenant's
 * clock forward on every service at once. Other tenants stay where they are. Answers 404 unless
 * {@code billforge.test-clock.enabled}; even then only a platform operator ({@link Roles#OPERATOR}) may move a clock:
 * a tenant's own admin moving time could make its customers' trials end or retries run early.
 */
@Path("/v1/test-clock")
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {

    private final TestClockConfig config;
    private final BusinessClock clock;
    private final TestClockBroadcast broadcast;
    private final TenantContext tenant;

    public TestClockResource(TestClockConfig config, BusinessClock clock, TestClockBroadcast broadcast,
            TenantContext tenant) {
        this.config = config;
        this.clock = clock;
        this.broadcast = broadcast;
        this.tenant = tenant;
    }

    /** {@code now}: the tenant's business time; {@code offset_seconds}: how far ahead of real time it runs. */
    public record TestClockResponse(String object, Instant now, long offsetSeconds) {
    }

    /**
     * A move of {@code tenant_id}'s clock: either to an instant ({@code to}) or by an ISO-8601 duration
     * ({@code advance_by}, e.g. {@code P3D}).
     */
    public record AdvanceRequest(String tenantId, Instant to, Duration advanceBy) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    public TestClockResponse get() {
        requireEnabled();
        return describe(tenant.tenantId());
    }

    /**
     * Moves a tenant's business clock forward on every service; blocks until this service's clock has moved. The one
     * POST that takes no {@code Idempotency-Key}: a move {@code to} an instant is idempotent by itself (repeating it
     * changes nothing), so an operator who may retry moves with {@code to}; {@code advance_by} moves again each time. What became due in between (renewals, trial ends, dunning retries...) runs on each job's next pass.
     */
    @POST
    @Path("/advance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public TestClockResponse advance(AdvanceRequest request) {
        requireEnabled();
        if (request == null || !TenantContext.isTenantId(request.tenantId())) {
            throw ApiException.invalidField("tenant_id", ErrorCode.REQUIRED, "must name the tenant whose clock moves");
        }
        String tenantId = request.tenantId();
        if ((request.to() == null) == (request.advanceBy() == null)) {
            throw ApiException.of(ErrorCode.VALIDATION_FAILED, "Give either 'to' (an instant) or 'advance_by' (an"
                    + " ISO-8601 duration such as P3D).");
        }
        Instant now = clock.now(tenantId);
        Instant target = request.to() != null ? request.to() : now.plus(request.advanceBy());
        if (target.isBefore(now)) {
            throw ApiException.of(ErrorCode.TEST_CLOCK_CANNOT_GO_BACK,
                    "The test clock reads " + now + " and only moves forward.");
        }
        broadcast.advanceTo(tenantId, target);
        return describe(tenantId);
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw ApiException.of(ErrorCode.TEST_CLOCK_DISABLED, "Test clocks are not enabled on this deployment.");
        }
    }

    private TestClockResponse describe(String tenantId) {
        return new TestClockResponse("test_clock", clock.now(tenantId), clock.offset(tenantId).toSeconds());
    }
}
