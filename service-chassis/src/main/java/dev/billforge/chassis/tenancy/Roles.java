package dev.billforge.chassis.tenancy;

/** The roles a token carries in its {@code groups} claim. Admins may also read. */
public final class Roles {
    /** Create, change and delete a tenant's billing records. */
    public static final String ADMIN = "billing-admin";
    /** Read a tenant's billing records. */
    public static final String READ = "billing-read";

    private Roles() {
    }
}
