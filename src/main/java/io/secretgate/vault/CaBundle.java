package io.secretgate.vault;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a store trusts for Vault's TLS: every {@code CERTIFICATE} block of a PEM
 * bundle (the driver's own {@code SslConfig.pemUTF8} keeps only the first), also when the PEM
 * text arrives base64-encoded once or twice, as ESO accepts a {@code caBundle}.
 */
final class CaBundle {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");
  private static final int MAX_BASE64_LAYERS = 2;

  private CaBundle() {}

  /** The certificates in {@code text}, in order. */
  static List<X509Certificate> certificates(String text) {
    String pem = pemText(text);
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new InvalidCaBundleException("the CA bundle holds a certificate that cannot be read");
    }
    if (out.isEmpty()) throw new InvalidCaBundleException("the CA bundle holds no PEM certificate");
    return List.copyOf(out);
  }

  /** A TLS context that trusts exactly the certificates in {@code text}. */
  static SSLContext sslContext(String text) {
    return sslContext(Optional.of(text), Optional.empty()).orElseThrow();
  }

  /**
   * A TLS context that trusts exactly the certificates in {@code ca} (the JVM's trust store when
   * empty) and presents {@code client}; empty when both are empty (the JDK's default context).
   */
  static Optional<SSLContext> sslContext(Optional<String> ca, Optional<ClientCertificate> client) {
    if (ca.isEmpty() && client.isEmpty()) return Optional.empty();
    List<X509Certificate> certs = ca.map(CaBundle::certificates).orElse(List.of());
    try {
      TrustManager[] trust = null;
      if (!certs.isEmpty()) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < certs.size(); i++) store.setCertificateEntry("ca-" + i, certs.get(i));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trust = tmf.getTrustManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(client.map(ClientCertificate::keyManagers).orElse(null), trust, null);
      return Optional.of(ctx);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a TLS context (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String pemText(String text) {
    String current = text;
    for (int layer = 0; layer <= MAX_BASE64_LAYERS; layer++) {
      if (current.contains("-----BEGIN")) return current;
      if (layer == MAX_BASE64_LAYERS) break;
      try {
        current = new String(Base64.getMimeDecoder().decode(current.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        break;
      }
    }
    throw new InvalidCaBundleException("the CA bundle holds no PEM certificate");
  }
}
