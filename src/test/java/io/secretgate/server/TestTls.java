package io.secretgate.server;

import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.ServingCertificate;
import io.secretgate.tls.SslContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A test CA, serving certificates for {@code localhost} issued by it, and a client trusting only it. */
final class TestTls {
  static final CertificateAuthority CA = CertificateAuthority.generate("secretgate test CA", Instant.now().minusSeconds(60), Duration.ofDays(2));

  private TestTls() {}

  static KeyMaterial leaf() {
    return leaf(Instant.now().minusSeconds(60), Duration.ofDays(1));
  }

  static KeyMaterial leaf(Instant notBefore, Duration validity) {
    return ServingCertificate.issue(CA, List.of("localhost", "secretgate.secretgate.svc"), notBefore, validity);
  }

  /** An HTTP/1.1 client that trusts only {@link #CA}. */
  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(SslContexts.clientTrusting(List.of(CA.certificate())))
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Writes the chain and key as {@code tls.crt}/{@code tls.key} in {@code dir}, each replaced atomically. */
  static void write(Path dir, KeyMaterial material) {
    replace(dir.resolve("tls.crt"), Pem.writeCertificates(material.chain()));
    replace(dir.resolve("tls.key"), Pem.writePrivateKey(material.privateKey()));
  }

  static void replace(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".write", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
