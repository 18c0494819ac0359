package io.secretgate.secrets;

/**
 * A template could not be rendered. {@link #unsupported()} tells a construct secretgate does not
 * implement (ESO would have rendered it) from a template that fails in ESO as well (a missing
 * key, a parse error). The message never contains values.
 */
public class TemplateRenderException extends Exception {
  private final boolean unsupported;

  public TemplateRenderException(String message, boolean unsupported) {
    super(message, null, false, false);
    this.unsupported = unsupported;
  }

  public boolean unsupported() {
    return unsupported;
  }
}
