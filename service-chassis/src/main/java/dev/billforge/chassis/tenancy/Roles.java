package dev.billforge.chassis.tenancy;

/**
 * The roles a token carries in its {@code groups} claim. Admins may also read. Tenant roles act on the token's own
 * tenant; {@link #OPERATOR} is the platform's own and is never given to a tenant's users.
 */
public final class Roles {
    /** Create, change and delete a tenant's billing records. */
    public static final String ADMIN = "billing-admin";
    /** Read a tenant's billing records. */
    public static final String READ = "billing-read";

    /** The platform operator: moves tenants' test clocks (where they are on); reads no tenant's records. */
    public static final String OPERATOR = "billing-operator";

    private Roles() {
    }
}
