package io.secretgate.sync;

import io.secretgate.api.SecretStoreSpec;

/**
 * ESO's controller classes (eso-facts §2.1): a store may name the controller that owns it in
 * {@code spec.controller}. secretgate is ESO's default class, {@value #OURS}: a store that names
 * another class, and every ExternalSecret using it, belong to that controller.
 */
final class ControllerClass {
  static final String OURS = "default";

  private ControllerClass() {}

  /** Whether {@code spec} names a controller class other than ours (empty or absent is ours). */
  static boolean another(SecretStoreSpec spec) {
    return spec != null && spec.controller != null && !spec.controller.isEmpty() && !OURS.equals(spec.controller);
  }
}
