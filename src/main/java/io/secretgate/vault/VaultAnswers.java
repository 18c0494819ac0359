package io.secretgate.vault;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.secretgate.vault.VaultFailure.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns Vault's answers into results or typed failures (vault-facts.md §3 and §5): the one place
 * where an HTTP status becomes a {@link Kind}. Pure. Messages name the call, the API path and the
 * status, never anything from the body.
 */
final class VaultAnswers {
  private VaultAnswers() {}

  /**
   * A KV read: the raw {@code data} text. A 404 counts as an answer only as Vault's Go client keeps
   * one, with warnings or with data in it (a soft-deleted version); otherwise it is empty. A 404
   * kept for its warnings alone (a path that is no KV v2 API path on a KV v2 mount) gives the data
   * text {@code null}.
   */
  static Optional<String> readData(VaultCall call, Answer answer) throws VaultFailure {
    if (answer.status() == 404) {
      if (answer.body().isBlank()) return Optional.empty();
      Map<String, String> members = rawMembers(call, answer);
      Optional<String> data = rawData(members);
      if (data.isPresent() && !data.get().startsWith("{")) throw bad(call, answer, "its data is not an object");
      if (data.isPresent() && hasElements(data.get())) return data;
      return hasElements(members.get("warnings")) ? Optional.of("null") : Optional.empty();
    }
    if (answer.status() != 200) throw failure(call, answer);
    String data = rawData(rawMembers(call, answer)).orElseThrow(() -> bad(call, answer, "it has no data"));
    if (!data.startsWith("{")) throw bad(call, answer, "its data is not an object");
    return Optional.of(data);
  }

  /** The answer's {@code data} member as raw JSON text; empty when it is absent or null. */
  private static Optional<String> rawData(Map<String, String> members) {
    String data = members.get("data");
    return data == null || data.equals("null") ? Optional.empty() : Optional.of(data);
  }

  /** The top-level members of the answer's body as raw JSON text, parsed once. */
  private static Map<String, String> rawMembers(VaultCall call, Answer answer) throws VaultFailure {
    try {
      return RawJson.members(answer.body());
    } catch (RawJson.MalformedJsonException e) {
      throw bad(call, answer, "it is not a JSON object");
    }
  }

  /** Whether raw JSON text is an object or array with something in it (Go's {@code len(x) > 0}). */
  private static boolean hasElements(String raw) {
    if (raw == null || raw.length() < 2 || (raw.charAt(0) != '{' && raw.charAt(0) != '[')) return false;
    return !raw.substring(1, raw.length() - 1).isBlank();
  }

  /**
   * A LIST: the keys; empty for a 404 from Vault. A 404 whose body is not JSON (a load balancer's
   * or ingress's page) is a bad response, as Vault's Go client fails on it: it says nothing about
   * the folder, and "nothing there" would let a find with deletionPolicy Delete remove the Secret.
   */
  static Optional<List<String>> listKeys(VaultCall call, Answer answer) throws VaultFailure {
    if (answer.status() == 404) {
      if (!answer.body().isBlank()) rawMembers(call, answer);
      return Optional.empty();
    }
    if (answer.status() != 200) throw failure(call, answer);
    JsonValue keys = data(call, answer).get("keys");
    return Optional.of(strings(call, answer, keys, "keys"));
  }

  /** {@code sys/capabilities-self}: the capabilities of each requested path, in request order. */
  static Map<String, List<String>> capabilities(VaultCall call, Answer answer, List<String> paths) throws VaultFailure {
    if (answer.status() != 200) throw failure(call, answer);
    JsonObject data = data(call, answer);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String path : paths) {
      out.put(path, strings(call, answer, data.get(path), "the capabilities of " + path));
    }
    return out;
  }

  /** {@code auth/token/lookup-self}. */
  static TokenInfo tokenInfo(VaultCall call, Answer answer) throws VaultFailure {
    if (answer.status() != 200) throw failure(call, answer);
    JsonObject data = data(call, answer);
    JsonValue ttl = data.get("ttl");
    if (ttl == null || !ttl.isNumber()) throw bad(call, answer, "it has no ttl");
    long ttlSeconds;
    try {
      ttlSeconds = ttl.asLong();
    } catch (NumberFormatException e) {
      throw bad(call, answer, "its ttl is not a whole number");
    }
    Set<String> policies = new LinkedHashSet<>(strings(call, answer, data.get("policies"), "policies"));
    JsonValue identity = data.get("identity_policies");
    if (identity != null && !identity.isNull()) policies.addAll(strings(call, answer, identity, "identity_policies"));
    JsonValue renewable = data.get("renewable");
    JsonValue type = data.get("type");
    return new TokenInfo(ttlSeconds, expireTime(call, answer, data.get("expire_time")), List.copyOf(policies),
        renewable != null && renewable.isTrue(), type != null && type.isString() ? type.asString() : "service");
  }

  private static Optional<Instant> expireTime(VaultCall call, Answer answer, JsonValue value) throws VaultFailure {
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isString()) throw bad(call, answer, "its expire_time is not a time");
    try {
      return Optional.of(OffsetDateTime.parse(value.asString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw bad(call, answer, "its expire_time is not a time");
    }
  }

  /**
   * {@code sys/health}: the status code says what the node is (200 active, 429/472/473/474
   * standby, 501 not initialised, 503 sealed); the body's booleans, when present, say it exactly.
   * Other codes (500, 530 removed from the cluster...) are failures.
   */
  static Health health(VaultCall call, Answer answer) throws VaultFailure {
    Health byCode = switch (answer.status()) {
      case 200 -> new Health(true, false, false);
      case 429, 472, 473, 474 -> new Health(true, false, true);
      case 501 -> new Health(false, true, false);
      case 503 -> new Health(true, true, false);
      default -> throw failure(call, answer);
    };
    if (answer.body().isBlank()) return byCode;
    JsonObject body = object(call, answer);
    return new Health(flag(body, "initialized", byCode.initialized()), flag(body, "sealed", byCode.sealed()),
        flag(body, "standby", byCode.standby()));
  }

  private static boolean flag(JsonObject body, String name, boolean otherwise) {
    JsonValue v = body.get(name);
    return v != null && v.isBoolean() ? v.asBoolean() : otherwise;
  }

  /** The failure for an answer that is not a result of the call. */
  static VaultFailure failure(VaultCall call, Answer answer) {
    int status = answer.status();
    Kind kind;
    String what;
    if (status == 403) {
      kind = Kind.PERMISSION_DENIED;
      what = "permission denied";
    } else if (status == 404) {
      kind = Kind.NOT_FOUND;
      what = "nothing there";
    } else if (status == 429) {
      kind = Kind.RATE_LIMITED;
      what = "rate limited";
    } else if (status == 503 && mentionsSealed(answer.body())) {
      kind = Kind.SEALED;
      what = "Vault is sealed";
    } else if (status == 412 || status >= 500 && status <= 599) {
      kind = Kind.UNAVAILABLE;
      what = "Vault is unavailable";
    } else {
      kind = Kind.BAD_RESPONSE;
      what = "unexpected answer";
    }
    Optional<Duration> wait = status == 429 ? answer.retryAfter().flatMap(h -> retryAfter(h, answer.receivedAt())) : Optional.empty();
    return new VaultFailure(kind, call.describe() + ": " + what + " (HTTP " + status + ")", OptionalInt.of(status), wait);
  }

  /** Whether one of Vault's {@code errors} says it is sealed (503 also means overloaded). */
  private static boolean mentionsSealed(String body) {
    try {
      JsonValue root = Json.parse(body);
      if (!root.isObject()) return false;
      JsonValue errors = root.asObject().get("errors");
      if (errors == null || !errors.isArray()) return false;
      for (JsonValue e : errors.asArray()) {
        if (e.isString() && e.asString().toLowerCase(Locale.ROOT).contains("sealed")) return true;
      }
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * A {@code Retry-After} value (RFC 9110: delay seconds or an HTTP date) as a wait from
   * {@code now}; a date in the past is no wait; an unreadable value is no advice.
   */
  static Optional<Duration> retryAfter(String header, Instant now) {
    String v = header.strip();
    if (v.matches("[0-9]{1,10}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static JsonObject object(VaultCall call, Answer answer) throws VaultFailure {
    try {
      JsonValue root = Json.parse(answer.body());
      if (root.isObject()) return root.asObject();
    } catch (RuntimeException e) {
      // not JSON: reported below without the text
    }
    throw bad(call, answer, "it is not a JSON object");
  }

  private static JsonObject data(VaultCall call, Answer answer) throws VaultFailure {
    JsonValue data = object(call, answer).get("data");
    if (data == null || !data.isObject()) throw bad(call, answer, "it has no data");
    return data.asObject();
  }

  private static List<String> strings(VaultCall call, Answer answer, JsonValue value, String what) throws VaultFailure {
    if (value == null || !value.isArray()) throw bad(call, answer, "it has no list of " + what);
    JsonArray array = value.asArray();
    List<String> out = new ArrayList<>(array.size());
    for (JsonValue v : array) {
      if (!v.isString()) throw bad(call, answer, "its " + what + " are not all strings");
      out.add(v.asString());
    }
    return List.copyOf(out);
  }

  private static VaultFailure bad(VaultCall call, Answer answer, String what) {
    return new VaultFailure(Kind.BAD_RESPONSE, call.describe() + ": not an answer Vault gives, " + what + " (HTTP " + answer.status() + ")",
        OptionalInt.of(answer.status()), Optional.empty());
  }
}
