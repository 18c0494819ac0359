package io.secretgate.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for background pools that must never keep the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}... */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
