package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** Why the cluster could not be read, as `validate --kubeconfig` prints it: an HTTP code or words, never a Java class name. */
class KubeStoreLookupTest {
  private static KubernetesClientException failed(Throwable root) {
    return new KubernetesClientException("An error has occurred.", new IOException("wrapped", root));
  }

  @Test
  void an_answer_is_named_by_its_http_code() {
    assertThat(KubeStoreLookup.reason(new KubernetesClientException("Forbidden", 403, null))).isEqualTo("HTTP 403");
  }

  @Test
  void no_answer_is_said_in_words() {
    assertThat(KubeStoreLookup.reason(failed(new ConnectException("Connection refused")))).isEqualTo("cannot connect: connection refused");
    assertThat(KubeStoreLookup.reason(failed(new UnknownHostException("kube.example")))).isEqualTo("cannot connect: unknown host");
    assertThat(KubeStoreLookup.reason(failed(new ClosedChannelException()))).isEqualTo("cannot connect: the connection was closed");
    assertThat(KubeStoreLookup.reason(failed(new java.net.http.HttpTimeoutException("request timed out")))).isEqualTo("cannot connect: timed out");
    java.net.http.HttpConnectTimeoutException connect = new java.net.http.HttpConnectTimeoutException("HTTP connect timed out");
    connect.initCause(new ConnectException("HTTP connect timed out"));
    assertThat(KubeStoreLookup.reason(failed(connect))).as("the JDK client's connect timeout").isEqualTo("cannot connect: timed out");
    assertThat(KubeStoreLookup.reason(failed(new IllegalStateException("odd")))).isEqualTo("cannot connect: no answer");
  }
}
