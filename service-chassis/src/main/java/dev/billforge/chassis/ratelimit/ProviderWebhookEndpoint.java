package dev.billforge.chassis.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose callers are payment providers, not a tenant's users: its requests carry no token and name
 * their tenant in the {@code {tenant}} path parameter. They count against that tenant's
 * {@code provider-webhooks} quota, apart from its own API use, so a flood of (forged) deliveries to one tenant's URL
 * neither slows the tenant's API calls nor other tenants' deliveries.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProviderWebhookEndpoint {
}
