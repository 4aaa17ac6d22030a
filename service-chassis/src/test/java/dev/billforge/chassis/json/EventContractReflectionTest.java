package dev.billforge.chassis.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.billforge.events.EventCatalog;
import dev.billforge.events.EventEnvelope;

/**
 * Every record an event carries, nested ones included, is registered for reflection: a native image would otherwise
 * fail to (de)serialize it at run time, long after the build passed.
 */
class EventContractReflectionTest {

    @Test
    void everyRecordOfEveryCatalogedEventIsRegistered() {
        Set<Class<?>> registered = Set.of(EventContractReflection.class.getAnnotation(RegisterForReflection.class)
                .targets());
        Set<Class<?>> carried = new LinkedHashSet<>();
        Deque<Class<?>> toVisit = new ArrayDeque<>();
        toVisit.add(EventEnvelope.class);
        EventCatalog.ALL.forEach(type -> toVisit.add(type.dataClass()));
        while (!toVisit.isEmpty()) {
            Class<?> record = toVisit.pop();
            if (!carried.add(record)) {
                continue;
            }
            for (RecordComponent component : record.getRecordComponents()) {
                recordsIn(component.getGenericType(), toVisit);
            }
        }

        Set<Class<?>> missing = new LinkedHashSet<>(carried);
        missing.removeAll(registered);
        assertTrue(missing.isEmpty(), "add to EventContractReflection: " + missing);
    }

    private static void recordsIn(Type type, Deque<Class<?>> toVisit) {
        if (type instanceof Class<?> cls && cls.isRecord()) {
            toVisit.add(cls);
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                recordsIn(argument, toVisit);
            }
        }
    }
}
