package io.secretgate.admission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Admission warnings as the API server and kubectl want them (webhook-facts.md §1.3): each at most
 * {@value #MAX_LENGTH} characters (longer ones are cut and end with {@value #ELLIPSIS}), all together at
 * most {@value #MAX_TOTAL_BYTES} bytes of UTF-8 (the rest is dropped and counted in a last warning),
 * never starting with {@code Warning:} (kubectl adds that), on one line, without duplicates.
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

  private AdmissionWarnings() {}

  /** {@code warnings} cleaned, shortened, de-duplicated and cut to the total budget, in order. */
  public static List<String> limit(List<String> warnings) {
    Set<String> clean = new LinkedHashSet<>();
    for (String w : warnings) {
      String c = shorten(clean(w), MAX_LENGTH);
      if (!c.isEmpty()) clean.add(c);
    }
    List<String> all = new ArrayList<>(clean);
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
