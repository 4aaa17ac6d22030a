package dev.billforge.payment.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/**
 * The providers this deployment offers: every {@link PaymentProvider} bean that says it is
 * {@linkplain PaymentProvider#enabled() enabled}.
 * A provider that is not offered does not exist for the API ({@code provider_not_available}) and is never called.
 */
@ApplicationScoped
public class PaymentProviders {
    /** What a provider's name looks like (lower case, as in URLs and events); for Bean Validation's {@code @Pattern}. */
    public static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,31}$";
    private static final Logger LOG = Logger.getLogger(PaymentProviders.class);

    private final Map<String, PaymentProvider> offered = new TreeMap<>();

    public PaymentProviders(@Any Instance<PaymentProvider> providers) {
        for (PaymentProvider provider : providers) {
            if (provider.enabled()) {
                offered.put(provider.name(), provider);
            }
        }
        LOG.infof("Payment providers offered: %s", offered.keySet());
    }

    /** The provider, or empty when this deployment does not offer one by that name. */
    public Optional<PaymentProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : offered.get(name));
    }

    /** The provider, or a 400 {@code provider_not_available} naming the ones there are. */
    public PaymentProvider require(String name) {
        return find(name).orElseThrow(() -> notAvailable(name));
    }

    public List<String> names() {
        return List.copyOf(offered.keySet());
    }

    public ApiException notAvailable(String name) {
        return ApiException.of(ErrorCode.PROVIDER_NOT_AVAILABLE, "Payments through " + quoted(name, "that provider")
                + " are not available here; available: " + String.join(", ", offered.keySet()) + ".");
    }

    /**
     * {@code 'name'} for a problem's detail, or {@code otherwise} when {@code name} does not look like a provider's
     * name: a detail never echoes arbitrary input.
     */
    public static String quoted(String name, String otherwise) {
        return name != null && name.matches(NAME_PATTERN) ? "'" + name + "'" : otherwise;
    }
}
