package io.secretgate.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server-side key manager whose key material can be replaced while the server runs. Build the
 * {@code SSLContext} once ({@link SslContexts#server(ReloadableKeyManager)}), hand it to Jetty or an
 * {@code SSLServerSocket}, and call {@link #swap(KeyMaterial)} when a new certificate arrives (a
 * rotated Secret, a changed {@code tls.crt}): every handshake that starts afterwards presents it,
 * without a restart and without closing open connections. Resumed sessions keep the certificate
 * they were established with, as TLS intends.
 *
 * <p>Each material gets its own alias. The JDK picks an alias and then asks for that alias's key and
 * chain in separate calls; because a handshake asks by alias, and the last few materials stay
 * resolvable, a swap between those calls cannot pair one material's key with another's chain.
 *
 * <p>Thread-safe; lock-free on the handshake path. Client-side methods choose nothing.
 */
public final class ReloadableKeyManager extends X509ExtendedKeyManager {
  /** How many recent materials stay resolvable by alias for handshakes in flight during swaps. */
  static final int RETAINED = 4;
  private static final String ALIAS_PREFIX = "secretgate-";

  private record Entry(String alias, KeyMaterial material) {}

  private final AtomicReference<List<Entry>> entries; // newest first
  private long generation; // guarded by this

  public ReloadableKeyManager(KeyMaterial initial) {
    Objects.requireNonNull(initial, "initial");
    entries = new AtomicReference<>(List.of(new Entry(ALIAS_PREFIX + 0, initial)));
  }

  /** The material new handshakes present. */
  public KeyMaterial current() {
    return entries.get().get(0).material();
  }

  /**
   * Makes {@code next} the material for every handshake from now on, and returns the one it replaces.
   */
  public KeyMaterial swap(KeyMaterial next) {
    Objects.requireNonNull(next, "next");
    synchronized (this) {
      long number = ++generation;
      List<Entry> before = entries.get();
      List<Entry> after = new ArrayList<>(RETAINED);
      after.add(new Entry(ALIAS_PREFIX + number, next));
      after.addAll(before.subList(0, Math.min(before.size(), RETAINED - 1)));
      entries.set(List.copyOf(after));
      return before.get(0).material();
    }
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    KeyMaterial material = find(alias);
    return material == null ? null : material.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    KeyMaterial material = find(alias);
    return material == null ? null : material.privateKey();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  /** The current alias when its key fits the handshake's key type ("EC", "RSA"); the JDK tries others otherwise. */
  private String choose(String keyType) {
    Entry current = entries.get().get(0);
    return current.material().privateKey().getAlgorithm().equals(keyType) ? current.alias() : null;
  }

  private KeyMaterial find(String alias) {
    for (Entry e : entries.get()) {
      if (e.alias().equals(alias)) return e.material();
    }
    return null;
  }

  @Override
  public String toString() {
    return "ReloadableKeyManager[" + current() + "]";
  }
}
