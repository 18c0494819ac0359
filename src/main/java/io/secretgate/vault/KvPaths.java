package io.secretgate.vault;

import io.secretgate.api.VaultProvider;
import io.secretgate.api.VaultProvider.KvVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ESO's mapping from a {@code remoteRef.key} to the Vault API path it reads (eso-facts.md §3.1),
 * quirks included, followed by the wire cleaning Vault's Go client applies ({@code path.Join}).
 */
public final class KvPaths {
  /** ESO's text for a KV v2 path it cannot map. */
  private static final String NOT_A_V2_PATH = "provided Path isn't a valid kv v2 path";

  private KvPaths() {}

  /**
   * The {@code ?version=} a data read of {@code remoteRef.version} sends: only on KV v2, and none
   * for a missing, empty or blank version (vault-facts.md §3.1).
   */
  public static Optional<String> readVersion(VaultProvider store, String version) {
    boolean sent = store.effectiveVersion() == KvVersion.v2 && version != null && !version.isBlank();
    return sent ? Optional.of(version) : Optional.empty();
  }

  /** The API path (without {@code /v1/}) that a data read of {@code key} hits. */
  public static String dataPath(VaultProvider store, String key) {
    String mount = store.path;
    boolean v2 = store.effectiveVersion() == KvVersion.v2;
    if (mount == null) {
      if (!v2 || key.contains("/data/")) return clean(key);
      int slash = key.indexOf('/');
      if (slash < 0) return clean(key + "/data");
      return clean(key.substring(0, slash) + "/data" + key.substring(slash));
    }
    String rest = key;
    if (rest.startsWith(mount + "/")) {
      rest = rest.substring(mount.length() + 1);
      if (v2 && rest.startsWith("data/")) rest = rest.substring("data/".length());
    }
    return clean(v2 ? mount + "/data/" + rest : mount + "/" + rest);
  }

  /**
   * The API path of a KV v2 metadata read of {@code key} ({@code metadataPolicy: Fetch}, find by
   * tags). With a store path the key is not stripped of a mount prefix (ESO quirk).
   *
   * @throws KvPathException on KV v1, or a v2 key without a store path that does not contain "data"
   */
  public static String metadataPath(VaultProvider store, String key) {
    if (store.effectiveVersion() == KvVersion.v1) {
      throw new KvPathException("cannot perform metadata fetch operations with kv version v1");
    }
    String mount = store.path;
    if (mount != null) return clean(mount + "/metadata/" + key);
    // ESO: refused without the substring "data" anywhere, then the first "/data/" (only) becomes "/metadata/"
    if (!key.contains("data")) throw new KvPathException(NOT_A_V2_PATH);
    return clean(key.replaceFirst("/data/", "/metadata/"));
  }

  /**
   * The directory that {@code dataFrom.find} lists (a LIST needs the trailing {@code /}): for v2
   * {@code <mount>/metadata/<find.path>/}, for v1 {@code <mount>/<find.path>/}.
   *
   * @throws KvPathException when the store has no path (ESO cannot run find then; {@link #findWithoutMount})
   */
  public static String findListPath(VaultProvider store, String findPath) {
    String mount = store.path;
    boolean v2 = store.effectiveVersion() == KvVersion.v2;
    if (mount == null) throw new KvPathException(findWithoutMount(store, "it"));
    String dir = v2 ? mount + "/metadata/" : mount + "/";
    if (findPath != null && !findPath.isEmpty()) dir = dir + findPath;
    return clean(dir) + "/";
  }

  /**
   * Why a find cannot run from {@code store}, named {@code storeName}, which sets no mount
   * ({@code provider.vault.path}): on v2 ESO's text first, then the field (on v1, where ESO's find
   * crashes, the field alone).
   */
  public static String findWithoutMount(VaultProvider store, String storeName) {
    String why = "find lists under the store's spec.provider.vault.path (the KV mount), which " + storeName + " does not set";
    return store.effectiveVersion() == KvVersion.v2 ? NOT_A_V2_PATH + ": " + why : why;
  }

  /**
   * As {@link #findListPath}, for a find that names {@code tags}, which ESO refuses on KV v1 before
   * it lists anything.
   *
   * @throws KvPathException on KV v1, or when the store has no path
   */
  public static String findWithTagsListPath(VaultProvider store, String findPath) {
    if (store.effectiveVersion() == KvVersion.v1) {
      throw new KvPathException("cannot perform find by tag operations with kv version v1");
    }
    return findListPath(store, findPath);
  }

  /**
   * Go's {@code path.Join} cleaning as applied on the wire: collapse repeated slashes, drop
   * {@code .} segments, resolve {@code ..}, drop leading and trailing slashes.
   */
  public static String clean(String path) {
    if (isClean(path)) return path;
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (!out.isEmpty()) out.remove(out.size() - 1);
        continue;
      }
      out.add(part);
    }
    return String.join("/", out);
  }

  /**
   * Whether {@link #clean} would return {@code path} unchanged: no empty, {@code .} or {@code ..}
   * segment (which also rules out a leading, trailing or repeated slash). The common case, answered
   * without splitting.
   */
  private static boolean isClean(String path) {
    int start = 0;
    while (true) {
      int end = path.indexOf('/', start);
      if (end < 0) end = path.length();
      int length = end - start;
      if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) return false;
      if (end == path.length()) return true;
      start = end + 1;
    }
  }
}
