package io.channelmind.stack.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.channelmind.stack.infra.KafkaBroker} field of a Quarkus test that
 * {@link KafkaTestResource} sets to its broker, so the test can stop and restart it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaBroker {
}
