package io.secretgate.cli;

import io.secretgate.config.HostFacts;
import io.secretgate.config.ServeConfig;

/**
 * What {@code serve} runs once its configuration is parsed. The entry point ({@code app.Main})
 * provides it, so that the CLI stays below the composition root; tests provide a recording one.
 */
public interface ServeLauncher {

  /** What the host tells about the pod, for the defaults of the lease namespace and the identity. */
  HostFacts hostFacts();

  /** Runs until the process is told to stop; returns the exit code. */
  int serve(ServeConfig config) throws Exception;

  /** For entry points that cannot serve: {@code serve} then fails with exit code 2 after checking its configuration. */
  static ServeLauncher unavailable() {
    return new ServeLauncher() {
      @Override
      public HostFacts hostFacts() {
        return HostFacts.none();
      }

      @Override
      public int serve(ServeConfig config) {
        throw new InputException("serve is not available from this entry point");
      }
    };
  }
}
