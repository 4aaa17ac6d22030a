package dev.billforge.chassis.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Stripe's metadata limits, the same on every record of every service: at most 50 keys, keys of 1 to 40 characters,
 * values of at most 500 characters. {@code allowRemovals} permits null values (a PATCH removing a key).
 */
@Documented
@Constraint(validatedBy = Metadata.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface Metadata {

    int MAX_KEYS = 50;
    int MAX_KEY_LENGTH = 40;
    int MAX_VALUE_LENGTH = 500;

    String message() default "may hold at most 50 keys of 1-40 characters with values of at most 500 characters";

    boolean allowRemovals() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Metadata, Map<String, String>> {
        private boolean allowRemovals;

        @Override
        public void initialize(Metadata annotation) {
            allowRemovals = annotation.allowRemovals();
        }

        @Override
        public boolean isValid(Map<String, String> metadata, ConstraintValidatorContext context) {
            if (metadata == null) {
                return true;
            }
            if (metadata.size() > MAX_KEYS) {
                return false;
            }
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                String key = entry.getKey();
                String value = entry.getValue();
                if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                    return false;
                }
                if (value == null ? !allowRemovals : value.length() > MAX_VALUE_LENGTH) {
                    return false;
                }
            }
            return true;
        }
    }
}
