package dev.switchboard.api.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;

/** A span whose one attribute's value is not of its key's type: no encoder can write it. */
final class LyingSpan {
    private LyingSpan() {}

    /** {@code span} with its attributes replaced by one string-keyed attribute holding a long. */
    static SpanData of(SpanData span) {
        Attributes lying = (Attributes) Proxy.newProxyInstance(
                Attributes.class.getClassLoader(), new Class<?>[] {Attributes.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "forEach" -> {
                            @SuppressWarnings("unchecked")
                            var consumer = (BiConsumer<AttributeKey<?>, Object>) args[0];
                            consumer.accept(AttributeKey.stringKey("said.string"), 42L);
                            return null;
                        }
                        case "isEmpty" -> {
                            return false;
                        }
                        case "size" -> {
                            return 1;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
        return (SpanData) Proxy.newProxyInstance(
                SpanData.class.getClassLoader(),
                new Class<?>[] {SpanData.class},
                (proxy, method, args) -> method.getName().equals("getAttributes") ? lying : method.invoke(span, args));
    }
}
