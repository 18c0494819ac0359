package io.secretgate.validation;

/** The verdict on one manifest document, with what identifies the document. */
public record DocumentResult(String source, String apiVersion, String kind, String namespace, String name, Verdict verdict) {}
