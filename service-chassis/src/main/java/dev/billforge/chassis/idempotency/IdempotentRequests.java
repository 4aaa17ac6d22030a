package dev.billforge.chassis.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.chassis.persistence.UniqueConstraints;
import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/**
 * Stripe-style {@code Idempotency-Key} handling for POST requests.
 * <ul>
 * <li>No key: the action runs as usual.</li>
 * <li>A new key: the action runs and its response is stored in the same transaction.</li>
 * <li>A known key with the same request: the stored response is returned, marked {@code Idempotent-Replayed: true};
 * the action does not run again.</li>
 * <li>A known key with a different request: 409 {@code idempotency_key_reused}.</li>
 * <li>Two concurrent requests with one new key: one commits, the other rolls back whole and gets 409
 * {@code idempotency_key_in_use}; retried, it gets the replay. When the other is refused with a 409 because the
 * first one's change is already there (a double-clicked "pause" finds the subscription paused), it gets the replay
 * at once.</li>
 * </ul>
 * Only successful responses are stored: a failed request committed nothing, so running it again is safe.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final String UNIQUE_CONSTRAINT = "idempotency_key_tenant_key_uq";

    private final ObjectMapper json;
    private final Clock clock;
    private final ChassisConfig config;

    public IdempotentRequests(ObjectMapper json, Clock clock, ChassisConfig config) {
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Runs {@code action} at most once per (tenant, key).
     *
     * @param request the deserialized request body (or any value identifying the request), fingerprinted canonically
     */
    public <T> Uni<Response> execute(String tenantId, String key, String method, String path, Object request,
            Response.Status successStatus, Supplier<Uni<T>> action) {
        if (key == null) {
            return action.get().map(body -> Response.status(successStatus).entity(body).build());
        }
        try {
            requireValidKey(key);
        } catch (ApiException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        String fingerprint = fingerprint(method, path, request);
        return Panache.withTransaction(() -> find(tenantId, key)
                .flatMap(stored -> {
                    if (isFresh(stored)) {
                        return Uni.createFrom().item(() -> replay(stored, fingerprint));
                    }
                    Uni<Void> forgetExpired = stored == null ? Uni.createFrom().voidItem() : stored.delete();
                    return forgetExpired.chain(() -> action.get())
                            .call(body -> remember(tenantId, key, fingerprint, successStatus, body))
                            .map(body -> Response.status(successStatus).entity(body).build());
                }))
                .onFailure(UniqueConstraints.named(UNIQUE_CONSTRAINT))
                .transform(e -> keyInUse())
                // Refused because a concurrent twin with this key got there first (a double-clicked "pause" finds the
                // subscription paused): the twin's committed answer is this request's answer too.
                .onFailure(failure -> failure instanceof ApiException refused && refused.status() == 409
                        && !ErrorCode.IDEMPOTENCY_KEY_IN_USE.equals(refused.code()))
                .recoverWithUni(refused -> Panache.withSession(() -> find(tenantId, key)).map(stored -> {
                    if (!isFresh(stored)) {
                        throw (ApiException) refused;
                    }
                    return replay(stored, fingerprint);
                }));
    }

    /**
     * The stored answer to a repeat of this request (the same key and body within the retention), or null. For an
     * action whose preparation must not run again on a retry (a webhook URL's DNS check): look here first, then
     * {@link #execute} as usual, which still settles a race between two first tries.
     */
    public Uni<Response> storedAnswer(String tenantId, String key, String method, String path, Object request) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        try {
            requireValidKey(key);
        } catch (ApiException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        String fingerprint = fingerprint(method, path, request);
        return Panache.withSession(() -> find(tenantId, key))
                .map(stored -> isFresh(stored) ? replay(stored, fingerprint) : null);
    }

    private static Uni<IdempotencyRecord> find(String tenantId, String key) {
        return IdempotencyRecord.<IdempotencyRecord> find("tenantId = ?1 and key = ?2", tenantId, key).firstResult();
    }

    /** Stored within the retention (24 h): a repeat is answered from it; an older record is forgotten. */
    private boolean isFresh(IdempotencyRecord stored) {
        return stored != null && stored.createdAt.isAfter(clock.instant().minus(config.idempotency().retention()));
    }

    /**
     * Refuses a key that is blank or longer than 255 characters with 400 {@code invalid_idempotency_key}. For
     * resources that keep their own record of keys (a refund remembers the key that created it) as well as here.
     */
    public static void requireValidKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ApiException.of(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters.");
        }
    }

    /** 409 {@code idempotency_key_in_use}: a concurrent request with the same key won; retried, this one replays it. */
    public static ApiException keyInUse() {
        return ApiException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "Another request with this Idempotency-Key is being processed; retry it.");
    }

    /** Forgets keys past their retention, as Stripe does after 24 hours. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        Instant cutoff = clock.instant().minus(config.idempotency().retention());
        return Panache.withTransaction(() -> IdempotencyRecord.delete("createdAt < ?1", cutoff)).replaceWithVoid();
    }

    private Response replay(IdempotencyRecord stored, String fingerprint) {
        if (!stored.requestFingerprint.equals(fingerprint)) {
            throw ApiException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request.");
        }
        return Response.status(stored.responseStatus).type(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true").entity(stored.responseBody).build();
    }

    private <T> Uni<Void> remember(String tenantId, String key, String fingerprint, Response.Status status, T body) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = UUID.randomUUID();
        record.tenantId = tenantId;
        record.key = key;
        record.requestFingerprint = fingerprint;
        record.responseStatus = status.getStatusCode();
        record.responseBody = toJson(body);
        record.createdAt = clock.instant();
        return record.persist().replaceWithVoid();
    }

    private String fingerprint(String method, String path, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + ' ' + path + '\n' + toJson(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be serialized", e);
        }
    }
}
