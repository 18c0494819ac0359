package io.secretgate.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client handed to the driver for one call. It sends through the gateway's shared client
 * with our exact timeout and keeps what the driver does not give back: the status, the
 * {@code Retry-After} header and the body bytes as sent (the driver re-encodes the body with the
 * platform charset, and puts it into exception messages), or the I/O failure.
 */
final class CapturingHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, String> headers;
  private volatile Answer answer;
  private volatile Exception failure;

  /** {@code headers} go with every request, except where the driver set that header itself (token, namespace). */
  CapturingHttpClient(HttpClient delegate, Duration timeout, Clock clock, Map<String, String> headers) {
    this.headers = headers;
    this.delegate = delegate;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The answer, if one came back. */
  Optional<Answer> answer() {
    return Optional.ofNullable(answer);
  }

  /** Why no answer came back, if the request was sent. */
  Optional<Exception> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Sends with {@code timeout} as a deadline for the whole exchange, body included (the JDK's
   * request timeout stops counting once the response headers are in).
   */
  @Override
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true)
        .uri(URI.create(request.uri().toASCIIString()))
        .timeout(timeout);
    headers.forEach((name, value) -> {
      if (request.headers().firstValue(name).isEmpty()) builder.setHeader(name, value);
    });
    HttpRequest exact = builder.build();
    CompletableFuture<HttpResponse<T>> exchange = delegate.sendAsync(exact, info -> new Tee<>(handler.apply(info),
        body -> answer = new Answer(info.statusCode(), info.headers().firstValue("Retry-After"), new String(body, StandardCharsets.UTF_8),
            clock.instant())));
    try {
      return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw fail(new HttpTimeoutException("request timed out"));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      failure = e;
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw fail(cause instanceof IOException io ? io : new IOException(cause));
    }
  }

  private IOException fail(IOException e) {
    failure = e;
    return e;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
    throw new UnsupportedOperationException("the Vault driver sends synchronously");
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler, PushPromiseHandler<T> push) {
    throw new UnsupportedOperationException("the Vault driver sends synchronously");
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /** Feeds the driver's body subscriber and keeps a copy of the bytes. */
  private static final class Tee<T> implements BodySubscriber<T> {
    private final BodySubscriber<T> downstream;
    private final Consumer<byte[]> onBody;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    Tee(BodySubscriber<T> downstream, Consumer<byte[]> onBody) {
      this.downstream = downstream;
      this.onBody = onBody;
    }

    @Override
    public CompletionStage<T> getBody() {
      return downstream.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        ByteBuffer view = item.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        copy.write(bytes, 0, bytes.length);
      }
      downstream.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
      downstream.onError(error);
    }

    @Override
    public void onComplete() {
      onBody.accept(copy.toByteArray());
      downstream.onComplete();
    }
  }
}
