package io.secretgate.api;

import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of a label selector as Kubernetes' own type declares it (ESO's CRDs carry it):
 * each {@code matchExpressions} item names its {@code key} and {@code operator}. Only a schema; the
 * model keeps fabric8's {@code LabelSelector}.
 */
public final class LabelSelectorSchema {
  public List<Requirement> matchExpressions;
  public Map<String, String> matchLabels;

  private LabelSelectorSchema() {}

  /** One {@code matchExpressions} item. */
  public static final class Requirement {
    @Required public String key;
    @Required public String operator;
    public List<String> values;

    private Requirement() {}
  }
}
