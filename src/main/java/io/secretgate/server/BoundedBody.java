package io.secretgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit, whether it comes with a Content-Length or chunked. */
final class BoundedBody {
  private BoundedBody() {}

  /** The body, or empty when it holds more than {@code limit} bytes. */
  static Optional<byte[]> read(InputStream in, long declaredLength, int limit) throws IOException {
    if (declaredLength > limit) return Optional.empty();
    byte[] body = in.readNBytes(limit + 1);
    return body.length > limit ? Optional.empty() : Optional.of(body);
  }
}
