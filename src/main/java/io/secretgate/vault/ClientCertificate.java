package io.secretgate.vault;

import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.HexFormat;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client certificate a store presents to Vault (ESO's {@code tls.certSecretRef} /
 * {@code tls.keySecretRef}), read and checked: the key belongs to the certificate.
 * {@link #toString()} and every message name where it came from, never the key.
 *
 * @param material the certificate chain and its private key
 * @param fingerprint tells certificates apart (a rotated one gets a new TLS context) without showing the key
 * @param source where the certificate was read, for messages
 */
public record ClientCertificate(KeyMaterial material, String fingerprint, String source) {
  private static final char[] IN_MEMORY = new char[0];

  /**
   * The certificate chain in {@code certificatePem} and the private key in {@code keyPem} (PKCS#8,
   * PKCS#1 RSA or SEC 1 EC, as {@code kubectl create secret tls} and cert-manager write them).
   *
   * @param certificateSource names the certificate in messages, e.g. "Secret ns/name key tls.crt"
   * @throws InvalidConnectionException when either does not parse or they do not belong together
   */
  public static ClientCertificate of(String certificatePem, String certificateSource, String keyPem, String keySource) {
    try {
      KeyMaterial material = Pem.readKeyMaterial(certificatePem, certificateSource, keyPem, keySource);
      return new ClientCertificate(material, digest(certificatePem + "\u0000" + keyPem), certificateSource);
    } catch (TlsException e) {
      throw new InvalidConnectionException("the client certificate is not usable (" + e.getMessage() + ")");
    }
  }

  /** Key managers presenting this certificate. */
  KeyManager[] keyManagers() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", material.privateKey(), IN_MEMORY, material.chain().toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, IN_MEMORY);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a key store in memory (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ClientCertificate[" + source + ", " + material + "]";
  }
}
