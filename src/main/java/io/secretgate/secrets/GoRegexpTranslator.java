package io.secretgate.secrets;

import io.secretgate.secrets.GoRegexp.InvalidRegexpException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a pattern as Go's regexp/syntax parser does (Perl flags, as {@code regexp.Compile}) and
 * writes a {@link java.util.regex} pattern that matches the same text: every construct is spelled
 * out ({@code ^ $ . \b \s} and classes), flags {@code i m s U} are tracked here, and capture groups
 * keep Go's numbering. Errors carry Go's text: {@code error parsing regexp: <code>: `<expr>`}.
 */
final class GoRegexpTranslator {
  private static final int FOLD = 1;
  private static final int MULTI_LINE = 2;
  private static final int DOT_NL = 4;
  private static final int UNGREEDY = 8;
  private static final int MAX_REPEAT = 1000;
  private static final String ASCII_WORD = "[0-9A-Z_a-z]";
  private static final String WORD_BOUNDARY = "(?-iu:(?<=" + ASCII_WORD + ")(?!" + ASCII_WORD + ")|(?<!"
      + ASCII_WORD + ")(?=" + ASCII_WORD + "))";
  private static final String NOT_WORD_BOUNDARY = "(?-iu:(?<=" + ASCII_WORD + ")(?=" + ASCII_WORD + ")|(?<!"
      + ASCII_WORD + ")(?!" + ASCII_WORD + "))";

  /** A Java pattern and Go's capture names (index 0 is the whole match, "" for unnamed groups). */
  record Translation(String java, List<String> groupNames) {}

  /** An open group: where it starts in the output and the flags to restore when it closes. */
  private record Frame(int outStart, int goFlags, boolean javaFold, int[] need) {}

  private final String re;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Frame> open = new ArrayDeque<>();
  private final List<String> names = new ArrayList<>(List.of(""));
  private int pos;
  private int flags;
  private boolean javaFold;
  private int atomStart = -1;
  private int atomNeed;
  private int lastRepeat = -1;
  private final int[] end = new int[1];

  private GoRegexpTranslator(String re) {
    this.re = re;
    open.push(new Frame(0, 0, false, new int[1]));
  }

  static Translation translate(String re) throws InvalidRegexpException {
    GoRegexpTranslator t = new GoRegexpTranslator(re);
    t.run();
    return new Translation(t.out.toString(), List.copyOf(t.names));
  }

  private void run() throws InvalidRegexpException {
    while (pos < re.length()) {
      int start = pos;
      boolean repeated = false;
      char c = re.charAt(pos);
      switch (c) {
        case '(' -> openGroup();
        case ')' -> closeGroup();
        case '|' -> {
          out.append('|');
          atomStart = -1;
          pos++;
        }
        case '^' -> atom((flags & MULTI_LINE) != 0 ? "(?<![^\\n])" : "\\A", pos + 1);
        case '$' -> atom((flags & MULTI_LINE) != 0 ? "(?![^\\n])" : "\\z", pos + 1);
        case '.' -> atom((flags & DOT_NL) != 0 ? "[\\x{0}-\\x{10ffff}]" : "[^\\n]", pos + 1);
        case '[' -> {
          GoCharClasses.Parsed cls = GoCharClasses.bracket(re, pos);
          atom(cls.java(), cls.end());
        }
        case '*', '+', '?' -> repeated = repeat(String.valueOf(c), 0, -1, pos + 1);
        case '{' -> repeated = counted();
        case '\\' -> backslash();
        default -> {
          int cp = re.codePointAt(pos);
          atom(GoEscapes.literal(cp), pos + Character.charCount(cp));
        }
      }
      lastRepeat = repeated ? start : -1;
    }
    if (open.size() > 1) throw GoRegexp.syntax("missing closing )", re);
  }

  private void atom(String java, int next) {
    if (((flags & FOLD) != 0) != javaFold) {
      javaFold = !javaFold;
      out.append(javaFold ? "(?iu)" : "(?-iu)");
    }
    atomStart = out.length();
    atomNeed = 0;
    out.append(java);
    pos = next;
  }

  private void openGroup() throws InvalidRegexpException {
    if (!re.startsWith("(?", pos)) {
      pushGroup("", "(", pos + 1);
      return;
    }
    boolean startsWithP = re.length() - pos > 4 && re.startsWith("(?P<", pos);
    if (startsWithP || re.length() - pos > 3 && re.charAt(pos + 2) == '<') {
      int close = re.indexOf('>', pos);
      if (close < 0) throw GoRegexp.syntax("invalid named capture", re.substring(pos));
      String name = re.substring(pos + (startsWithP ? 4 : 3), close);
      if (!name.matches("[0-9A-Za-z_]+")) throw GoRegexp.syntax("invalid named capture", re.substring(pos, close + 1));
      pushGroup(name, "(", close + 1);
      return;
    }
    int newFlags = flags;
    boolean negate = false;
    boolean sawFlag = false;
    int t = pos + 2;
    while (t < re.length()) {
      char c = re.charAt(t++);
      int bit = switch (c) {
        case 'i' -> FOLD;
        case 'm' -> MULTI_LINE;
        case 's' -> DOT_NL;
        case 'U' -> UNGREEDY;
        default -> 0;
      };
      if (bit != 0) {
        newFlags = negate ? newFlags & ~bit : newFlags | bit;
        sawFlag = true;
      } else if (c == '-' && !negate) {
        negate = true;
        sawFlag = false;
      } else if ((c == ':' || c == ')') && (!negate || sawFlag)) {
        if (c == ':') pushGroup(null, "(?:", t);
        flags = newFlags;
        pos = t;
        return;
      } else {
        break;
      }
    }
    throw GoRegexp.syntax("invalid or unsupported Perl syntax", re.substring(pos, Math.min(t, re.length())));
  }

  /** Opens a group; a null name is a non-capturing group. */
  private void pushGroup(String name, String java, int next) {
    open.push(new Frame(out.length(), flags, javaFold, new int[1]));
    if (name != null) names.add(name);
    out.append(java);
    atomStart = -1;
    pos = next;
  }

  private void closeGroup() throws InvalidRegexpException {
    if (open.size() == 1) throw GoRegexp.syntax("unexpected )", re);
    Frame f = open.pop();
    out.append(')');
    flags = f.goFlags();
    javaFold = f.javaFold();
    atomStart = f.outStart();
    atomNeed = f.need()[0];
    noteNeed(atomNeed);
    pos++;
  }

  /** {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else makes the brace a literal. */
  private boolean counted() throws InvalidRegexpException {
    int close = re.indexOf('}', pos);
    String body = close < 0 ? "" : re.substring(pos + 1, close);
    if (!body.matches("(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?")) {
      atom("\\{", pos + 1);
      return false;
    }
    int comma = body.indexOf(',');
    int min = number(comma < 0 ? body : body.substring(0, comma));
    int max = comma < 0 ? min : comma == body.length() - 1 ? -1 : number(body.substring(comma + 1));
    if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || max < -1 || max >= 0 && min > max) {
      throw GoRegexp.syntax("invalid repeat count", re.substring(pos, close + 1));
    }
    String java = "{" + min + (comma < 0 ? "" : "," + (max < 0 ? "" : max)) + "}";
    return repeat(java, min, max, close + 1);
  }

  private static int number(String digits) {
    return digits.length() > 8 ? -2 : Integer.parseInt(digits);
  }

  /** Applies a repetition to the last atom, as Go's parser.repeat (Perl flags). */
  private boolean repeat(String op, int min, int max, int after) throws InvalidRegexpException {
    int before = pos;
    boolean lazy = (flags & UNGREEDY) != 0;
    if (after < re.length() && re.charAt(after) == '?') {
      after++;
      lazy = !lazy;
    }
    if (lastRepeat >= 0) throw GoRegexp.syntax("invalid nested repetition operator", re.substring(lastRepeat, after));
    if (atomStart < 0) throw GoRegexp.syntax("missing argument to repetition operator", re.substring(before, after));
    if (op.startsWith("{")) {
      int m = max < 0 ? min : max;
      atomNeed = m == 0 ? 0 : (int) Math.min((long) m * Math.max(atomNeed, 1), Integer.MAX_VALUE);
      if ((min >= 2 || max >= 2) && atomNeed > MAX_REPEAT) {
        throw GoRegexp.syntax("invalid repeat count", re.substring(before, after));
      }
    }
    noteNeed(atomNeed);
    out.insert(atomStart, "(?:").append(')').append(op);
    if (lazy) out.append('?');
    pos = after;
    return true;
  }

  /** Keeps the largest repeat product of the open group, for Go's limit of 1000 copies. */
  private void noteNeed(int need) {
    int[] groupNeed = open.peek().need();
    groupNeed[0] = Math.max(groupNeed[0], need);
  }

  private void backslash() throws InvalidRegexpException {
    char next = pos + 1 < re.length() ? re.charAt(pos + 1) : 0;
    switch (next) {
      case 'A' -> atom("\\A", pos + 2);
      case 'z' -> atom("\\z", pos + 2);
      case 'b' -> atom(WORD_BOUNDARY, pos + 2);
      case 'B' -> atom(NOT_WORD_BOUNDARY, pos + 2);
      case 'C' -> throw GoRegexp.syntax("invalid escape sequence", "\\C");
      case 'Q' -> quoted();
      case 'p', 'P' -> {
        GoCharClasses.Item item = GoCharClasses.unicode(re, pos, end);
        atom(item.standalone(), end[0]);
      }
      default -> {
        GoCharClasses.Item perl = GoCharClasses.perl(re, pos);
        if (perl != null) {
          atom(perl.standalone(), pos + 2);
        } else {
          int cp = GoEscapes.escape(re, pos, end);
          atom(GoEscapes.literal(cp), end[0]);
        }
      }
    }
  }

  /** {@code \Q...\E}: each character up to {@code \E} (or the end) is a literal. */
  private void quoted() {
    int stop = re.indexOf("\\E", pos + 2);
    String text = re.substring(pos + 2, stop < 0 ? re.length() : stop);
    pos += 2;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      atom(GoEscapes.literal(cp), pos + i);
    }
    pos = stop < 0 ? re.length() : stop + 2;
  }
}
