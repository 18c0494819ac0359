package io.secretgate.secrets.template;

import io.secretgate.secrets.TemplateEngine;
import io.secretgate.secrets.TemplateRenderException;
import java.util.Map;

/**
 * The builder's template port on {@link GoTemplate}: a construct outside the subset is
 * "unsupported"; a failure while executing (a missing key, bad base64) is a data error.
 */
public final class GoTemplateEngine implements TemplateEngine {

  @Override
  public String render(String template, Map<String, byte[]> values) throws TemplateRenderException {
    return execute(parse(template, MissingKeyPolicy.ERROR), values);
  }

  @Override
  public byte[] renderBytes(String template, Map<String, byte[]> values) throws TemplateRenderException {
    GoTemplate t = parse(template, MissingKeyPolicy.ERROR);
    try {
      return t.executeBytes(values);
    } catch (TemplateException e) {
      throw new TemplateRenderException(e.getMessage(), false);
    }
  }

  @Override
  public String renderRewrite(String template, Map<String, byte[]> values) throws TemplateRenderException {
    return execute(parse(template, MissingKeyPolicy.NO_VALUE), values);
  }

  private static GoTemplate parse(String template, MissingKeyPolicy policy) throws TemplateRenderException {
    try {
      return GoTemplate.parse(template, policy);
    } catch (TemplateException e) {
      throw new TemplateRenderException(e.getMessage(), true);
    }
  }

  private static String execute(GoTemplate t, Map<String, byte[]> values) throws TemplateRenderException {
    try {
      return t.execute(values);
    } catch (TemplateException e) {
      throw new TemplateRenderException(e.getMessage(), false);
    }
  }
}
