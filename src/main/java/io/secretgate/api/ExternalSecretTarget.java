package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** {@code spec.target}: the Secret to write and how to own it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretTarget {
  @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
  @Size(min = 1, max = 253)
  public String name;

  @Default("Owner")
  public CreationPolicy creationPolicy;

  @Default("Retain")
  public DeletionPolicy deletionPolicy;

  public ExternalSecretTemplate template;
  public TargetManifest manifest;
  public Boolean immutable;

  public CreationPolicy effectiveCreationPolicy() {
    return creationPolicy == null ? CreationPolicy.Owner : creationPolicy;
  }

  public DeletionPolicy effectiveDeletionPolicy() {
    return deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
  }
}
