package io.secretgate.secrets.template;

import java.util.Collections;
import java.util.List;

/** A Go {@code []interface {}}, as decoded from a JSON array. Elements may be null (JSON null). */
final class GoList {

    private final List<Object> elements;

    GoList(List<Object> elements) {
        this.elements = Collections.unmodifiableList(elements);
    }

    List<Object> elements() {
        return elements;
    }

    int size() {
        return elements.size();
    }
}
