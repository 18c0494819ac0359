package io.secretgate.admission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission warnings as the API server and kubectl want them (webhook-facts.md §1.3): each at most
 * {@value #MAX_LENGTH} characters (longer ones are cut and end with {@value #ELLIPSIS}), all together at
 * most {@value #MAX_TOTAL_BYTES} bytes of UTF-8 (the rest is dropped and counted in a last warning),
 * never starting with {@code Warning:} (kubectl adds that), on one line, without duplicates. Two
 * different warnings whose cuts would read the same (long Secret names or Vault paths that differ
 * only after the cut) both stay: each keeps its start and shows, after an {@value #ELLIPSIS}, the
 * part where it differs.
 */
public final class AdmissionWarnings {
  /** Most characters (code points) in one warning. */
  public static final int MAX_LENGTH = 120;
  /** Most bytes (UTF-8) of all warnings of one response together. */
  public static final int MAX_TOTAL_BYTES = 4096;
  /** What ends a shortened warning. */
  public static final String ELLIPSIS = "...";

  private static final String PREFIX = "Warning:";
  /** Room kept for the last warning that counts the dropped ones. */
  private static final int NOTE_ROOM = 48;
  /** Code points kept at the start of a warning that is cut where it differs from another. */
  private static final int HEAD = 40;
  /** Code points shown before the place where such a warning differs from the other. */
  private static final int CONTEXT = 20;

  private AdmissionWarnings() {}

  /** {@code warnings} cleaned, shortened, de-duplicated and cut to the total budget, in order. */
  public static List<String> limit(List<String> warnings) {
    Set<String> clean = new LinkedHashSet<>();
    for (String w : warnings) {
      String c = clean(w);
      if (!c.isEmpty()) clean.add(c);
    }
    List<String> all = new ArrayList<>(shortened(clean));
    if (bytes(all) <= MAX_TOTAL_BYTES) return List.copyOf(all);
    List<String> kept = new ArrayList<>();
    int used = 0;
    for (String w : all) {
      int size = w.getBytes(StandardCharsets.UTF_8).length;
      if (used + size > MAX_TOTAL_BYTES - NOTE_ROOM) break;
      kept.add(w);
      used += size;
    }
    kept.add((all.size() - kept.size()) + " more warning(s) not shown");
    return List.copyOf(kept);
  }

  /**
   * Each warning cut to {@value #MAX_LENGTH} code points, in order and without duplicates; one whose
   * cut equals another's is cut around the first place where it differs from them instead.
   */
  private static Set<String> shortened(Set<String> warnings) {
    Map<String, List<String>> byCut = new LinkedHashMap<>();
    for (String w : warnings) byCut.computeIfAbsent(shorten(w, MAX_LENGTH), k -> new ArrayList<>()).add(w);
    Set<String> out = new LinkedHashSet<>();
    for (String w : warnings) {
      String cut = shorten(w, MAX_LENGTH);
      List<String> alike = byCut.get(cut);
      if (alike.size() == 1 || cut.equals(w)) { // alone, or not cut at all: it reads as itself
        out.add(cut);
        continue;
      }
      int differsAt = alike.stream().filter(o -> !o.equals(w)).mapToInt(o -> commonCodePoints(w, o)).max().orElseThrow();
      out.add(around(w, differsAt));
    }
    return out;
  }

  /** How many code points {@code a} and {@code b} share at their start. */
  private static int commonCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int i = 0;
    while (i < x.length && i < y.length && x[i] == y[i]) i++;
    return i;
  }

  /**
   * {@code s} (longer than {@value #MAX_LENGTH} code points) as its first {@value #HEAD} code
   * points, {@value #ELLIPSIS}, and the rest from a little before {@code differsAt} (its end when that
   * fits), ending with {@value #ELLIPSIS} when cut.
   */
  private static String around(String s, int differsAt) {
    int[] cp = s.codePoints().toArray();
    int room = MAX_LENGTH - HEAD - ELLIPSIS.length();
    int start = Math.max(HEAD, Math.min(differsAt - CONTEXT, cp.length - room));
    String rest = start + room >= cp.length
        ? new String(cp, start, cp.length - start)
        : new String(cp, start, room - ELLIPSIS.length()) + ELLIPSIS;
    return new String(cp, 0, HEAD) + ELLIPSIS + rest;
  }

  /**
   * {@code s} cut in its middle to {@value #MAX_LENGTH} code points when longer: its start,
   * {@value #ELLIPSIS}, and its last {@code tail} code points (where a reason says its cause).
   */
  static String shortenKeepingEnd(String s, int tail) {
    int[] cp = s.codePoints().toArray();
    if (cp.length <= MAX_LENGTH) return s;
    int head = MAX_LENGTH - ELLIPSIS.length() - tail;
    return new String(cp, 0, head) + ELLIPSIS + new String(cp, cp.length - tail, tail);
  }

  /** {@code s} cut to at most {@code max} code points, ending with {@value #ELLIPSIS} when cut. */
  static String shorten(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    int end = s.offsetByCodePoints(0, max - ELLIPSIS.length());
    return s.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  /** One line, no control characters, no leading {@code Warning:}. */
  private static String clean(String w) {
    if (w == null) return "";
    StringBuilder sb = new StringBuilder(w.length());
    w.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
    String s = sb.toString().strip();
    while (s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) s = s.substring(PREFIX.length()).strip();
    return s;
  }

  private static int bytes(List<String> ws) {
    return ws.stream().mapToInt(w -> w.getBytes(StandardCharsets.UTF_8).length).sum();
  }
}
