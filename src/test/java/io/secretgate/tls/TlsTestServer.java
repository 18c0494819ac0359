package io.secretgate.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS server on a JDK {@link SSLServerSocket} (loopback, port 0): each connection completes
 * a handshake, gets one byte and is closed. It counts handshakes that fail on the server side.
 */
final class TlsTestServer implements AutoCloseable {
  private final SSLServerSocket server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Thread acceptor;
  private final AtomicInteger serverFailures = new AtomicInteger();
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  TlsTestServer(ReloadableKeyManager keys) throws IOException {
    server = (SSLServerSocket) SslContexts.server(keys).getServerSocketFactory()
        .createServerSocket(0, 64, InetAddress.getLoopbackAddress());
    server.setEnabledProtocols(SslContexts.PROTOCOLS.toArray(String[]::new));
    acceptor = new Thread(this::acceptLoop, "tls-test-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int serverFailures() {
    return serverFailures.get();
  }

  Throwable firstFailure() {
    return firstFailure.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        workers.execute(() -> serve((SSLSocket) socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(1);
      out.flush();
    } catch (IOException | RuntimeException e) {
      serverFailures.incrementAndGet();
      firstFailure.compareAndSet(null, e);
    }
  }

  /**
   * One client connection as kube-apiserver makes it: a fresh context (no session resumption)
   * trusting only {@code trusted}, host name checking on for {@code host} (sent as SNI too), over a
   * TCP connection to the loopback port. Returns the leaf the server presented.
   */
  static X509Certificate handshake(int port, String host, List<X509Certificate> trusted) throws IOException {
    SSLContext client = SslContexts.clientTrusting(trusted);
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    plain.setSoTimeout(10_000);
    try (SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.startHandshake();
      if (tls.getInputStream().read() != 1) throw new IOException("the server did not answer after the handshake");
      return (X509Certificate) tls.getSession().getPeerCertificates()[0];
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    acceptor.join(5_000);
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
