package dev.billforge.systemtest;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The order of this module's test classes: by {@link Order} (none is {@link Order#DEFAULT}), then by class name, the
 * order they had before (Quarkus' class orderer sorts by name unless given another one, which is what this is: the
 * pom sets {@code quarkus.test.class-orderer}). Only {@link PublishedEventsSystemTest} has an order: last, so it reads
 * what every other class's journeys made the platform publish. Public: Quarkus' orderer instantiates it by name.
 */
public final class ByOrderThenClassName implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor test) -> test.findAnnotation(Order.class).map(Order::value)
                        .orElse(Order.DEFAULT))
                .thenComparing(test -> test.getTestClass().getName()));
    }
}
