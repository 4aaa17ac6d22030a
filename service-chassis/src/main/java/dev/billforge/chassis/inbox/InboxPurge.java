package dev.billforge.chassis.inbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;

/**
 * Keeps the inbox from growing without bound: the ids of events processed longer ago than
 * {@code billforge.inbox.retention} (well past the topics' retention, so no redelivery can still come) are deleted
 * hourly, a slice at a time so that no statement holds many row locks or runs long.
 */
@ApplicationScoped
public class InboxPurge {

    private static final Logger LOG = Logger.getLogger(InboxPurge.class);
    private static final int SLICE = 10_000;

    private final Pool database;
    private final Duration retention;
    private final String purgeSql;

    public InboxPurge(Pool database, ChassisConfig config) {
        this.database = database;
        this.retention = config.inbox().retention();
        String table = config.db().schema() + ".inbox_event";
        this.purgeSql = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table
                + " WHERE processed_at < now() - $1 * interval '1 millisecond' LIMIT " + SLICE + "))";
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeOnSchedule() {
        return purge().invoke(purged -> {
            if (purged > 0) {
                LOG.infof("Inbox: purged %d event ids older than %s", purged, retention);
            }
        }).replaceWithVoid();
    }

    /** Deletes every id older than the retention, slice by slice; returns how many. */
    public Uni<Long> purge() {
        return purgeFrom(0);
    }

    private Uni<Long> purgeFrom(long purgedSoFar) {
        return database.preparedQuery(purgeSql).execute(Tuple.of(retention.toMillis())).chain(rows -> {
            long total = purgedSoFar + rows.rowCount();
            return rows.rowCount() < SLICE ? Uni.createFrom().item(total) : purgeFrom(total);
        });
    }
}
