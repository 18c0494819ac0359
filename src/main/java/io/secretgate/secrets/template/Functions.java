package io.secretgate.secrets.template;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The functions templates may call, with Go's parameter types, and the names ESO knows beyond them. */
final class Functions {

    /** A parameter type, as Go's reflection-based call sees it. */
    enum Param {
        STRING("string"), INT("int"), ANY("interface {}"), VALUE("reflect.Value"), MAP("map[string]interface {}");

        final String goName;

        Param(String goName) {
            this.goName = goName;
        }
    }

    @FunctionalInterface
    interface Body {
        Object apply(List<Object> args) throws FunctionError;
    }

    /**
     * A supported function. {@code variadic} is the element type of a final {@code ...} parameter, or
     * null. {@code shortCircuit} marks {@code and} and {@code or}, whose arguments are evaluated lazily.
     */
    record Function(String name, List<Param> fixed, Param variadic, boolean shortCircuit, Body body) {
        boolean isVariadic() {
            return variadic != null;
        }

        /** The number of parameters, counting the variadic one as one. */
        int parameterCount() {
            return fixed.size() + (isVariadic() ? 1 : 0);
        }

        Param parameter(int i) {
            return i < fixed.size() ? fixed.get(i) : variadic;
        }
    }

    private static final Map<String, Function> SUPPORTED = new TreeMap<>();

    private static void add(String name, List<Param> fixed, Param variadic, Body body) {
        SUPPORTED.put(name, new Function(name, fixed, variadic, false, body));
    }

    private static void addString(String name, StringOp op) {
        add(name, List.of(Param.STRING), null, a -> op.apply((GoString) a.get(0)));
    }

    @FunctionalInterface
    private interface StringOp {
        GoString apply(GoString s) throws FunctionError;
    }

    static {
        // Go builtins
        add("index", List.of(Param.VALUE), Param.VALUE, a -> ValueFunctions.index(a.get(0), a.subList(1, a.size())));
        add("len", List.of(Param.VALUE), null, a -> ValueFunctions.len(a.get(0)));
        add("not", List.of(Param.VALUE), null, a -> ValueFunctions.not(a.get(0)));
        SUPPORTED.put("and", new Function("and", List.of(Param.VALUE), Param.VALUE, true, null));
        SUPPORTED.put("or", new Function("or", List.of(Param.VALUE), Param.VALUE, true, null));
        add("eq", List.of(Param.VALUE), Param.VALUE, a -> ValueFunctions.eq(a.get(0), a.subList(1, a.size())));
        add("ne", List.of(Param.VALUE, Param.VALUE), null, a -> ValueFunctions.ne(a.get(0), a.get(1)));
        add("print", List.of(), Param.ANY, GoFmt::sprint);
        add("printf", List.of(Param.STRING), Param.ANY,
                a -> GoFmt.sprintf((GoString) a.get(0), a.subList(1, a.size())));
        // Sprig: strings
        addString("upper", StringFunctions::upper);
        addString("lower", StringFunctions::lower);
        addString("title", StringFunctions::title);
        addString("trim", StringFunctions::trim);
        addString("nospace", StringFunctions::nospace);
        addString("b64enc", StringFunctions::b64enc);
        addString("b64dec", StringFunctions::b64dec);
        add("trimPrefix", List.of(Param.STRING, Param.STRING), null,
                a -> StringFunctions.trimPrefix((GoString) a.get(0), (GoString) a.get(1)));
        add("trimSuffix", List.of(Param.STRING, Param.STRING), null,
                a -> StringFunctions.trimSuffix((GoString) a.get(0), (GoString) a.get(1)));
        add("replace", List.of(Param.STRING, Param.STRING, Param.STRING), null,
                a -> StringFunctions.replace((GoString) a.get(0), (GoString) a.get(1), (GoString) a.get(2)));
        add("indent", List.of(Param.INT, Param.STRING), null,
                a -> StringFunctions.indent((Long) a.get(0), (GoString) a.get(1)));
        add("nindent", List.of(Param.INT, Param.STRING), null,
                a -> StringFunctions.nindent((Long) a.get(0), (GoString) a.get(1)));
        add("quote", List.of(), Param.ANY, ValueFunctions::quote);
        add("squote", List.of(), Param.ANY, ValueFunctions::squote);
        add("toString", List.of(Param.ANY), null, a -> GoFmt.strval(a.get(0)));
        add("default", List.of(Param.ANY), Param.ANY, a -> ValueFunctions.dfault(a.get(0), a.subList(1, a.size())));
        add("join", List.of(Param.STRING, Param.ANY), null, a -> ValueFunctions.join((GoString) a.get(0), a.get(1)));
        // Sprig: JSON and dictionaries
        add("fromJson", List.of(Param.STRING), null, a -> GoJson.parse((GoString) a.get(0), "fromJson"));
        add("toJson", List.of(Param.ANY), null, a -> GoJson.encode(a.get(0)));
        add("get", List.of(Param.MAP, Param.STRING), null, a -> ValueFunctions.get((GoMap) a.get(0), (GoString) a.get(1)));
    }

    /** Functions ESO's template engine v2 defines (Go builtins, Sprig, ESO's own) that secretgate does not support. */
    private static final Set<String> KNOWN_ELSEWHERE = Set.of(
            // Go text/template builtins
            "call", "html", "js", "urlquery", "println", "slice", "lt", "le", "gt", "ge",
            // ESO's own
            "pkcs12key", "pkcs12keyPass", "pkcs12cert", "pkcs12certPass", "pemToPkcs12", "pemToPkcs12Pass",
            "fullPemToPkcs12", "fullPemToPkcs12Pass", "pemTruststoreToPKCS12", "pemTruststoreToPKCS12Pass",
            "filterPEM", "filterCertChain", "jwkPublicKeyPem", "jwkPrivateKeyPem", "toYaml", "fromYaml",
            "rsaDecrypt",
            // Sprig
            "hello", "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration",
            "durationRound", "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate",
            "now", "toDate", "unixEpoch", "abbrev", "abbrevboth", "trunc", "untitle", "substr", "repeat",
            "trimall", "trimAll", "initials", "randAlphaNum", "randAlpha", "randAscii", "randNumeric",
            "swapcase", "shuffle", "snakecase", "camelcase", "kebabcase", "wrap", "wrapWith", "contains",
            "hasPrefix", "hasSuffix", "cat", "plural", "sha1sum", "sha256sum", "sha512sum", "adler32sum",
            "atoi", "int64", "int", "float64", "seq", "toDecimal", "split", "splitList", "splitn", "toStrings",
            "until", "untilStep", "add1", "add", "sub", "div", "mod", "mul", "randInt", "add1f", "addf", "subf",
            "divf", "mulf", "biggest", "max", "min", "maxf", "minf", "ceil", "floor", "round", "sortAlpha",
            "empty", "coalesce", "all", "any", "compact", "mustCompact", "toPrettyJson", "toRawJson",
            "mustFromJson", "mustToJson", "mustToPrettyJson", "mustToRawJson", "ternary", "deepCopy",
            "mustDeepCopy", "typeOf", "typeIs", "typeIsLike", "kindOf", "kindIs", "deepEqual", "base", "dir",
            "clean", "ext", "isAbs", "osBase", "osClean", "osDir", "osExt", "osIsAbs", "b32enc", "b32dec",
            "hexdec", "tuple", "list", "dict", "set", "unset", "hasKey", "pluck", "keys", "pick", "omit",
            "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite", "values", "append", "push",
            "mustAppend", "mustPush", "prepend", "mustPrepend", "first", "mustFirst", "rest", "mustRest",
            "last", "mustLast", "initial", "mustInitial", "reverse", "mustReverse", "uniq", "mustUniq",
            "without", "mustWithout", "has", "mustHas", "mustSlice", "concat", "dig", "chunk", "mustChunk",
            "bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA", "genCAWithKey",
            "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
            "encryptAES", "decryptAES", "randBytes", "uuidv4", "semver", "semverCompare", "fail", "regexMatch",
            "mustRegexMatch", "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind",
            "regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral",
            "regexSplit", "mustRegexSplit", "regexQuoteMeta", "urlParse", "urlJoin", "getHostByName");

    private Functions() {
    }

    static Function find(String name) {
        return SUPPORTED.get(name);
    }

    /** True for a function ESO defines but secretgate does not support. */
    static boolean isKnownElsewhere(String name) {
        return KNOWN_ELSEWHERE.contains(name);
    }

    /** The supported function names, sorted, comma separated. */
    static String supportedNames() {
        return String.join(", ", Collections.unmodifiableSet(SUPPORTED.keySet()));
    }
}
