package dev.billforge.payment.api;

import java.util.List;

import dev.billforge.payment.domain.DunningSchedule;

/** The tenant's dunning schedule as the API shows it. */
public record DunningSettingsResponse(String object, List<Integer> retryDays, String whenExhausted) {

    static DunningSettingsResponse from(DunningSchedule schedule) {
        return new DunningSettingsResponse("dunning_settings", schedule.retryDays(), schedule.whenExhausted());
    }
}
