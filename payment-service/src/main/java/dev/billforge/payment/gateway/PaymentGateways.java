package dev.billforge.payment.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** The gateway for each provider this deployment can charge through; a provider without one is not configured. */
@ApplicationScoped
public class PaymentGateways {

    private final Map<String, PaymentGateway> byProvider;

    public PaymentGateways(@Any Instance<PaymentGateway> gateways) {
        this.byProvider = gateways.stream().collect(Collectors.toUnmodifiableMap(PaymentGateway::provider,
                Function.identity()));
    }

    public Optional<PaymentGateway> forProvider(String provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }
}
