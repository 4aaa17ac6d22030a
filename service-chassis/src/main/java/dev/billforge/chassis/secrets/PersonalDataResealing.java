package dev.billforge.chassis.secrets;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;

/**
 * Seals, after start-up, every personal value still stored in the clear (written before sealing began) or under a
 * key that no longer seals new values (after a key rotation): so a retired key can be dropped once this has run and
 * a dump never shows what an old row held. Replicas running it at once are harmless: each value is replaced only
 * where it still reads the old text.
 */
@ApplicationScoped
public class PersonalDataResealing {

    private static final Logger LOG = Logger.getLogger(PersonalDataResealing.class);

    private final Pool database;
    private final PersonalData personalData;
    private final PersonalDataConfig config;
    private final String schema;

    public PersonalDataResealing(Pool database, PersonalData personalData, PersonalDataConfig config,
            ChassisConfig chassis) {
        this.database = database;
        this.personalData = personalData;
        this.config = config;
        this.schema = chassis.db().schema();
    }

    void onStart(@Observes StartupEvent started) {
        personalData.requireKeys();
        resealAll().subscribe().with(
                count -> {
                    if (count > 0) {
                        LOG.infof("Sealed %d stored personal values (in the clear or under a retired key)", count);
                    }
                },
                failure -> LOG.warnf("Resealing personal data stopped, it runs again at the next start: %s",
                        failure.toString()));
    }

    /** Reseals every configured column; answers how many distinct values were sealed. */
    public Uni<Integer> resealAll() {
        List<String> columns = new ArrayList<>(config.chassisColumns());
        config.sealedColumns().ifPresent(columns::addAll);
        return Multi.createFrom().iterable(columns)
                .onItem().transformToUniAndConcatenate(this::resealColumn)
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> resealColumn(String tableColumn) {
        int dot = tableColumn.indexOf('.');
        String table = tableColumn.substring(0, dot).trim();
        String column = tableColumn.substring(dot + 1).trim();
        return database.preparedQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = $1"
                + " AND table_name = $2 AND column_name = $3").execute(Tuple.of(schema, table, column))
                .chain(found -> found.size() == 0 ? Uni.createFrom().item(0) : resealBatches(table, column, 0));
    }

    /**
     * One round: up to a batch of rows whose value is in the clear or under another key, each sealed on its own (a
     * fresh nonce per row: equal values do not look equal) and replaced by its row address where it still reads
     * the same. A value that cannot be opened (its key is gone) ends this column's resealing, logged.
     */
    private Uni<Integer> resealBatches(String table, String column, int sealedSoFar) {
        String qualified = schema + "." + table;
        return database.preparedQuery("SELECT ctid::text AS row_ref, " + column + " AS stored FROM " + qualified
                + " WHERE " + column + " IS NOT NULL AND " + column + " <> '' AND " + column + " NOT LIKE $1 LIMIT $2")
                .execute(Tuple.of(personalData.activeKeyPattern(), config.batchSize()))
                .chain(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    for (Row row : rows) {
                        String old = row.getString("stored");
                        String opened;
                        try {
                            opened = personalData.open(old);
                        } catch (IllegalStateException unreadable) {
                            LOG.errorf("%s.%s holds a value that cannot be opened (its key is not configured);"
                                    + " resealing of this column stops", table, column);
                            break;
                        }
                        updates.add(Tuple.of(personalData.seal(opened), row.getString("row_ref"), old));
                    }
                    if (updates.isEmpty()) {
                        return Uni.createFrom().item(sealedSoFar);
                    }
                    return database.preparedQuery("UPDATE " + qualified + " SET " + column + " = $1"
                            + " WHERE ctid = $2::tid AND " + column + " = $3").executeBatch(updates)
                            .chain(() -> updates.size() < config.batchSize() ? Uni.createFrom().item(sealedSoFar
                                    + updates.size()) : resealBatches(table, column, sealedSoFar + updates.size()));
                });
    }
}
