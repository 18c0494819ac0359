package io.secretgate.certs;

import static io.secretgate.certs.CertsFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.WebhookServer;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.tls.SslContexts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.util.Date;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that trusts only what the webhook configuration's caBundle holds (as kube-apiserver
 * does) and checks the name {@code secretgate.secretgate.svc} keeps connecting through a whole
 * rotation: leaf, CA staged, leaf switched, old CA dropped.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SelfManagedRotationOverHttpsIT {
  static KubernetesMockServer mock;
  static KubernetesClient client;
  Place at;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  SelfManagedCertificates certs;
  WebhookServer server;

  @AfterEach
  void stop() {
    if (server != null) server.stop();
    if (certs != null) certs.close();
  }

  @Test
  void a_client_trusting_only_the_published_bundle_connects_before_during_and_after_a_ca_rotation() throws Exception {
    at = Place.fresh(client);
    installValidating(at);
    certs = certificates(at, clock);
    certs.reconcile();
    server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1", SslContexts.server(certs.keys()), Map.of(),
        new HealthChecks().readiness("certificate", certs::servable), 8));
    assertThat(healthz(published(at).get(0))).isEqualTo("HTTP/1.1 200 OK");
    List<X509Certificate> firstBundle = published(at).get(0);

    clock.advance(Duration.ofDays(21)); // the CA is staged, the leaf renewed from the old CA
    certs.reconcile();
    List<X509Certificate> overlap = published(at).get(0);
    assertThat(overlap).hasSize(2);
    assertThat(healthz(firstBundle)).as("a client still holding the old bundle").isEqualTo("HTTP/1.1 200 OK");
    assertThat(healthz(overlap)).isEqualTo("HTTP/1.1 200 OK");

    clock.advance(POLICY.caPropagation()); // the leaf switches to the new CA
    certs.reconcile();
    assertThat(healthz(overlap)).as("a client holding the overlap bundle").isEqualTo("HTTP/1.1 200 OK");
    assertThat(healthz(published(at).get(0))).isEqualTo("HTTP/1.1 200 OK");

    clock.advance(POLICY.dropOldCaAfter()); // the old CA leaves the bundle
    certs.reconcile();
    assertThat(published(at).get(0)).hasSize(1);
    assertThat(healthz(published(at).get(0))).isEqualTo("HTTP/1.1 200 OK");
    assertThatThrownBy(() -> healthz(firstBundle)).as("the old CA alone no longer vouches for what is served")
        .isInstanceOf(SSLHandshakeException.class);
  }

  /** A client context trusting exactly {@code cas}, validating certificates at {@code at} (the test's clock) instead of the wall clock. */
  static SSLContext clientTrustingAt(List<X509Certificate> cas, Instant at) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < cas.size(); i++) store.setCertificateEntry("ca-" + i, cas.get(i));
    PKIXBuilderParameters params = new PKIXBuilderParameters(store, new X509CertSelector());
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(new CertPathTrustManagerParameters(params));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** GET /healthz over a fresh TLS connection to 127.0.0.1, checking the certificate for {@code secretgate.secretgate.svc}. */
  String healthz(List<X509Certificate> trusted) throws Exception {
    SSLContext tls = clientTrustingAt(trusted, clock.instant());
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      plain.setSoTimeout(10_000);
      try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, SERVER_NAME, server.port(), true)) {
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /healthz HTTP/1.1\r\nHost: " + SERVER_NAME + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      }
    }
  }
}
