package io.secretgate.vault.policy;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Fixture files under src/test/resources/io/secretgate/vault/policy/. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String relative) {
    URL url = Fixtures.class.getResource(relative);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Acl acl(String relative, MatchOrder order) throws Exception {
    return Acl.of(List.of(PolicyFiles.load(path(relative))), order);
  }
}
