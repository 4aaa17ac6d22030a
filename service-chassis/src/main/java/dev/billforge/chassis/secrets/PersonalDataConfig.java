package dev.billforge.chassis.secrets;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where personal data is stored sealed ({@code billforge.personal-data.*}), as {@code table.column} of the service's
 * schema: what {@link PersonalDataResealing} seals when it finds a value in the clear or under a retired key.
 */
@ConfigMapping(prefix = "billforge.personal-data")
public interface PersonalDataConfig {

    /** The chassis' own tables (a table the service does not have is passed over). */
    @WithDefault("outbox_message.payload,idempotency_key.response_body,known_customer.billing_email,known_customer.name,known_customer.billing_address")
    List<String> chassisColumns();

    /** The service's own sealed columns. */
    Optional<List<String>> sealedColumns();

    /** Values resealed per statement round. */
    @WithDefault("200")
    int batchSize();
}
