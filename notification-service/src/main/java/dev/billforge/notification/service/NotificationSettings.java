package dev.billforge.notification.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How notifications are delivered ({@code billforge.notification.*}). */
@ConfigMapping(prefix = "billforge.notification")
public interface NotificationSettings {

    /** How often the dispatcher looks for due pending notifications (read by its schedule). */
    @WithDefault("0.5s")
    Duration dispatchInterval();

    /** How many due notifications one dispatcher pass claims. */
    @WithDefault("50")
    int batchSize();

    /** Failed sends after which a notification is given up as {@code failed}. */
    @WithDefault("5")
    int maxAttempts();

    /** Back-off unit after a failed send: the n-th retry waits n times this long. */
    @WithDefault("30s")
    Duration retryDelay();

    /** How long a notification whose recipient is unknown waits before the directory is asked again. */
    @WithDefault("5s")
    Duration recipientRecheck();
}
