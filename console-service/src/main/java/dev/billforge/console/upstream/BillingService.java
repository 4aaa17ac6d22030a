package dev.billforge.console.upstream;

/** The five services whose public REST APIs the console reads and writes through, named as in routes.yaml. */
public enum BillingService {

    CUSTOMER("customer-service"),
    SUBSCRIPTION("subscription-service"),
    INVOICING("invoicing-service"),
    PAYMENT("payment-service"),
    NOTIFICATION("notification-service");

    private final String serviceName;

    BillingService(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The deployable's name: its key under {@code billforge.console.services} and its metrics label. */
    public String serviceName() {
        return serviceName;
    }
}
