package dev.billforge.chassis.telemetry;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Times each {@link BillingOperation} method. It runs before (outside) every platform interceptor, Panache's
 * {@code @WithTransaction} among them, so the duration includes the commit and a failed commit counts as failed.
 */
@BillingOperation("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class BillingOperationInterceptor {

    private final BillingOperations operations;

    public BillingOperationInterceptor(BillingOperations operations) {
        this.operations = operations;
    }

    @AroundInvoke
    Object track(InvocationContext invocation) throws Exception {
        BillingOperation operation = invocation.getMethod().getAnnotation(BillingOperation.class);
        if (operation == null) {
            operation = invocation.getMethod().getDeclaringClass().getAnnotation(BillingOperation.class);
        }
        Object result = invocation.proceed();
        return result instanceof Uni<?> work ? operations.track(operation.value(), work) : result;
    }
}
