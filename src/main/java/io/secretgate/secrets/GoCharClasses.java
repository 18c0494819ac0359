package io.secretgate.secrets;

import io.secretgate.secrets.GoRegexp.InvalidRegexpException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Go's character classes ({@code \d}, {@code [[:alpha:]]}, {@code \p{Greek}}, {@code [^a-z]}) as
 * {@link java.util.regex} class text. Every class is spelled out: Go's Perl and POSIX classes are
 * ASCII, {@code &} and {@code [} inside brackets are plain characters, and Unicode names are looked
 * up the way Go 1.25+ looks them up (case, {@code _}, {@code -} and space ignored).
 */
final class GoCharClasses {
  private GoCharClasses() {}

  /** A class as Java union text: {@code negated} complements all of {@code ranges}. */
  record Item(String ranges, boolean negated) {
    Item flip() {
      return new Item(ranges, !negated);
    }

    /** As a member of an enclosing Java class. */
    String member() {
      return negated ? "[^" + ranges + "]" : ranges;
    }

    /** As a class of its own. */
    String standalone() {
      return (negated ? "[^" : "[") + ranges + "]";
    }
  }

  /** A parsed piece of pattern text and the index just after it. */
  record Parsed(String java, int end) {}

  private static final String WORD = "0-9A-Z\\x{5f}a-z";
  private static final Map<String, String> PERL = Map.of(
      "d", "0-9", "s", "\\x{9}\\x{a}\\x{c}\\x{d}\\x{20}", "w", WORD);
  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alnum", "0-9A-Za-z"), Map.entry("alpha", "A-Za-z"), Map.entry("ascii", "\\x{0}-\\x{7f}"),
      Map.entry("blank", "\\x{9}\\x{20}"), Map.entry("cntrl", "\\x{0}-\\x{1f}\\x{7f}"), Map.entry("digit", "0-9"),
      Map.entry("graph", "\\x{21}-\\x{7e}"), Map.entry("lower", "a-z"), Map.entry("print", "\\x{20}-\\x{7e}"),
      Map.entry("punct", "\\x{21}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{60}\\x{7b}-\\x{7e}"),
      Map.entry("space", "\\x{9}-\\x{d}\\x{20}"), Map.entry("upper", "A-Z"), Map.entry("word", WORD),
      Map.entry("xdigit", "0-9A-Fa-f"));
  private static final Set<String> CATEGORIES = Set.of(
      "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl",
      "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");
  /** Unicode's general category aliases, keyed by Go's canonical spelling. */
  private static final Map<String, String> CATEGORY_ALIASES = Map.ofEntries(
      Map.entry("Other", "C"), Map.entry("Control", "Cc"), Map.entry("Cntrl", "Cc"), Map.entry("Format", "Cf"),
      Map.entry("Unassigned", "Cn"), Map.entry("Privateuse", "Co"), Map.entry("Surrogate", "Cs"),
      Map.entry("Letter", "L"), Map.entry("Casedletter", "LC"), Map.entry("Lowercaseletter", "Ll"),
      Map.entry("Modifierletter", "Lm"), Map.entry("Otherletter", "Lo"), Map.entry("Titlecaseletter", "Lt"),
      Map.entry("Uppercaseletter", "Lu"), Map.entry("Mark", "M"), Map.entry("Combiningmark", "M"),
      Map.entry("Spacingmark", "Mc"), Map.entry("Enclosingmark", "Me"), Map.entry("Nonspacingmark", "Mn"),
      Map.entry("Number", "N"), Map.entry("Decimalnumber", "Nd"), Map.entry("Digit", "Nd"),
      Map.entry("Letternumber", "Nl"), Map.entry("Othernumber", "No"), Map.entry("Punctuation", "P"),
      Map.entry("Punct", "P"), Map.entry("Connectorpunctuation", "Pc"), Map.entry("Dashpunctuation", "Pd"),
      Map.entry("Closepunctuation", "Pe"), Map.entry("Finalpunctuation", "Pf"),
      Map.entry("Initialpunctuation", "Pi"), Map.entry("Otherpunctuation", "Po"),
      Map.entry("Openpunctuation", "Ps"), Map.entry("Symbol", "S"), Map.entry("Currencysymbol", "Sc"),
      Map.entry("Modifiersymbol", "Sk"), Map.entry("Mathsymbol", "Sm"), Map.entry("Othersymbol", "So"),
      Map.entry("Separator", "Z"), Map.entry("Lineseparator", "Zl"), Map.entry("Paragraphseparator", "Zp"),
      Map.entry("Spaceseparator", "Zs"));
  /** One-word scripts of Go's Unicode 15 tables that an older JDK may not know. */
  private static final Set<String> NEWER_SCRIPTS = Set.of("Kawi", "Tangsa", "Toto", "Vithkuqi");

  /** {@code \d \D \s \S \w \W} at {@code at}, or null. */
  static Item perl(String re, int at) {
    if (at + 1 >= re.length() || re.charAt(at) != '\\') return null;
    char c = re.charAt(at + 1);
    String ranges = PERL.get(String.valueOf(Character.toLowerCase(c)));
    return ranges == null ? null : new Item(ranges, Character.isUpperCase(c));
  }

  /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Lu}} at {@code at} (a backslash then p or P). */
  static Item unicode(String re, int at, int[] end) throws InvalidRegexpException {
    boolean negated = re.charAt(at + 1) == 'P';
    int t = at + 2;
    String name;
    if (t < re.length() && re.charAt(t) == '{') {
      int close = re.indexOf('}', t);
      if (close < 0) throw GoRegexp.syntax("invalid character class range", re.substring(at));
      name = re.substring(t + 1, close);
      end[0] = close + 1;
    } else {
      end[0] = t < re.length() ? t + Character.charCount(re.codePointAt(t)) : t;
      name = re.substring(t, end[0]);
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.substring(1);
    }
    Item item = unicodeTable(canonical(name), re.substring(at, end[0]));
    return negated ? item.flip() : item;
  }

  private static Item unicodeTable(String name, String seq) throws InvalidRegexpException {
    switch (name) {
      case "Any": return new Item("\\x{0}-\\x{10ffff}", false);
      case "Assigned": return new Item("\\p{Cn}", true);
      case "Ascii": return new Item("\\x{0}-\\x{7f}", false);
      case "Lc": return new Item("\\p{LC}", false);
      case "C": return new Item("\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}", false); // Go's C holds no unassigned code point
      default: break;
    }
    if (CATEGORIES.contains(name)) return new Item("\\p{" + name + "}", false);
    String script = name.toUpperCase(Locale.ROOT);
    try {
      Character.UnicodeScript s = Character.UnicodeScript.valueOf(script);
      // Go looks scripts up by their canonical name, so Old_Italic or SignWriting are never found.
      if (s != Character.UnicodeScript.UNKNOWN && s != Character.UnicodeScript.SIGNWRITING) {
        return new Item("\\p{sc=" + s.name() + "}", false);
      }
    } catch (IllegalArgumentException notAScript) {
      if (NEWER_SCRIPTS.contains(name)) {
        throw new InvalidRegexpException("secretgate's Java runtime does not know the Unicode script in " + GoText.quote(seq), true);
      }
    }
    String alias = CATEGORY_ALIASES.get(name);
    if (alias != null) return unicodeTable(alias.equals("LC") ? "Lc" : alias, seq);
    throw GoRegexp.syntax("invalid character class range", seq);
  }

  /** Go's canonicalName: no {@code _ - space}, first letter upper case, the rest lower case. */
  private static String canonical(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c == '_' || c == '-' || c == ' ') continue;
      b.append(b.length() == 0 ? asciiUpper(c) : asciiLower(c));
    }
    return b.toString();
  }

  private static char asciiUpper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** A bracketed class starting at {@code at} ({@code [}), as Go's parseClass reads it. */
  static Parsed bracket(String re, int at) throws InvalidRegexpException {
    int t = at + 1;
    boolean negated = t < re.length() && re.charAt(t) == '^';
    if (negated) t++;
    StringBuilder members = new StringBuilder();
    boolean first = true;
    int[] end = new int[1];
    while (t >= re.length() || re.charAt(t) != ']' || first) {
      first = false;
      Item group = posix(re, t, end);
      if (group == null && t + 1 < re.length() && re.charAt(t) == '\\' && (re.charAt(t + 1) == 'p' || re.charAt(t + 1) == 'P')) {
        group = unicode(re, t, end);
      }
      if (group == null && (group = perl(re, t)) != null) end[0] = t + 2;
      if (group != null) {
        members.append(group.member());
        t = end[0];
        continue;
      }
      int rangeStart = t;
      int lo = classChar(re, t, at, end);
      int hi = lo;
      t = end[0];
      if (t + 1 < re.length() && re.charAt(t) == '-' && re.charAt(t + 1) != ']') {
        hi = classChar(re, t + 1, at, end);
        t = end[0];
        if (hi < lo) throw GoRegexp.syntax("invalid character class range", re.substring(rangeStart, t));
      }
      members.append(GoEscapes.literal(lo));
      if (hi != lo) members.append('-').append(GoEscapes.literal(hi));
    }
    return new Parsed(new Item(members.toString(), negated).standalone(), t + 1);
  }

  /** {@code [:alpha:]} or {@code [:^alpha:]} at {@code at}, or null when there is none. */
  private static Item posix(String re, int at, int[] end) throws InvalidRegexpException {
    if (!re.startsWith("[:", at) || at + 2 >= re.length()) return null;
    int close = re.indexOf(":]", at + 2);
    if (close < 0) return null;
    String seq = re.substring(at, close + 2);
    String name = re.substring(at + 2, close);
    boolean negated = name.startsWith("^");
    String ranges = POSIX.get(negated ? name.substring(1) : name);
    if (ranges == null) throw GoRegexp.syntax("invalid character class range", seq);
    end[0] = close + 2;
    return new Item(ranges, negated);
  }

  private static int classChar(String re, int t, int classStart, int[] end) throws InvalidRegexpException {
    if (t >= re.length()) throw GoRegexp.syntax("missing closing ]", re.substring(classStart));
    if (re.charAt(t) == '\\') return GoEscapes.escape(re, t, end);
    int c = re.codePointAt(t);
    end[0] = t + Character.charCount(c);
    return c;
  }
}
