package io.secretgate.secrets.template;

/** What a field reference such as {@code .name} does when the map has no such key. */
public enum MissingKeyPolicy {
    /**
     * Go's {@code Option("missingkey=error")}: execution fails. ESO renders {@code target.template.data}
     * (and {@code templateFrom}) this way.
     */
    ERROR,
    /**
     * Go's default: the missing value prints as {@code <no value>}. ESO renders
     * {@code dataFrom[].rewrite[].transform.template} this way.
     */
    NO_VALUE
}
