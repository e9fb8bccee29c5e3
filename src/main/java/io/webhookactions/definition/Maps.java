package io.webhookactions.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep the order a definition wrote its entries in (headers are sent in that order). */
final class Maps {

    private Maps() {
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> source) {
        return source == null || source.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
