package io.secretgate.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK {@link SSLContext}s for our server and for clients that trust only given CAs. */
public final class SslContexts {
  /** The protocols kube-apiserver's Go client speaks (TLS 1.2 minimum); set them on the server's SSLParameters. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private SslContexts() {}

  /**
   * A server context that presents whatever {@code keys} holds at each handshake. It asks for no
   * client certificate. With Jetty: {@code sslContextFactory.setSslContext(SslContexts.server(keys))}.
   */
  public static SSLContext server(ReloadableKeyManager keys) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS implementation", e);
    }
  }

  /**
   * A client context trusting exactly {@code cas} (no system roots), e.g. the CAs of a caBundle. The
   * caller still switches on host name checking, e.g. {@code params.setEndpointIdentificationAlgorithm("HTTPS")};
   * the JDK's {@code HttpClient} does so by itself.
   */
  public static SSLContext clientTrusting(List<X509Certificate> cas) {
    if (cas.isEmpty()) throw new IllegalArgumentException("a client needs at least one CA to trust");
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < cas.size(); i++) trusted.setCertificateEntry("ca-" + i, cas.get(i));
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store in memory", e);
    }
  }
}
