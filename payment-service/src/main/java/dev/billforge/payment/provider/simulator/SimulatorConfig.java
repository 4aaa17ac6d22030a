package dev.billforge.payment.provider.simulator;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code billforge.payment.providers.simulator.*}: the simulator has no settings but whether it is offered at all. */
@ConfigMapping(prefix = "billforge.payment.providers.simulator")
public interface SimulatorConfig {

    /** Whether the simulator is offered here (see {@code PaymentProvider.enabled()}); not offered unless set to true. */
    Optional<Boolean> enabled();
}
