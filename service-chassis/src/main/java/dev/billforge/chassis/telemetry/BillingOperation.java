package dev.billforge.chassis.telemetry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a service method (returning a {@code Uni}) as one billing operation of the design's telemetry: each call is
 * timed as {@code billing_operation_seconds{operation, result}} with result {@code completed} or {@code failed},
 * including the commit of the transaction the method opens (see {@link BillingOperationInterceptor}). A method that
 * runs inside a consumer's batch transaction is timed without that commit, and counted again if the batch is
 * retried event by event. Calls within the same bean are intercepted too: mark the method all paths go through.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface BillingOperation {

    /** The operation, in billing words: {@code create_customer}, {@code process_payment}, {@code refund}... */
    @Nonbinding
    String value();
}
