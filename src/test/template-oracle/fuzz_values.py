import random, json, base64, subprocess, sys
random.seed(int(sys.argv[1]))
N = int(sys.argv[2])
pieces = [b"a", b"Z", b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c", b"\x85", b"\xa0", "\u00a0".encode(), "\u0085".encode(), "\u3000".encode(),
          "\u2028".encode(), "é".encode(), "É".encode(), "ß".encode(), "ǆ".encode(), "ǅ".encode(), "İ".encode(), "ı".encode(), "Σ".encode(), "ς".encode(),
          "😀".encode(), "\u200b".encode(), "\u00ad".encode(), b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
          b"\"", b"\\", b"'", b"<", b"&", b"%", b"_", b"-", b".", b"1", b"\x00", b"\x07", b"\x7f", "\ufffd".encode(), "ÿ".encode(), "Ω".encode(),
          "ǈ".encode(), "ﬀ".encode(), "ᾳ".encode(), "ϐ".encode(), "ſ".encode(), "K".encode()]
funcs = ["upper", "lower", "title", "trim", "nospace", "quote", "squote", "b64enc", "toJson", 'replace "" "-"', 'replace "a" "bb"', "indent 2", "len",
         'printf "%q"', 'printf "%v"', "toString", 'trimPrefix "a"', 'trimSuffix "a"', "b64enc | b64dec", "print", "nindent 1", 'join ","',
         'eq "a"', 'default "d"', "not"]
cases = []
for i in range(N):
    v = b"".join(random.choice(pieces) for _ in range(random.randint(0, 8)))
    f = random.choice(funcs)
    cases.append(("{{ .v | " + f + " }}", v))
go_in = "\n".join(json.dumps({"template": t, "values": {}, "valuesBase64": {"v": base64.b64encode(v).decode()}}) for t, v in cases) + "\n"
go = subprocess.run(["/tmp/oracle"], input=go_in, capture_output=True, text=True).stdout.splitlines()
j_in = "\n".join("\t".join([base64.b64encode(t.encode()).decode(), "error", "v=" + base64.b64encode(v).decode()]) for t, v in cases) + "\n"
jv = subprocess.run(["java", "-cp", "target/classes:/tmp/harness", "Harness"], input=j_in, capture_output=True, text=True).stdout.splitlines()
stats = {}
for (t, v), g, j in zip(cases, go, jv):
    g = json.loads(g)
    if "output" in g and j.startswith("OK "):
        same = base64.b64decode(g["output"] or "") == base64.b64decode(j[3:])
        k = "same" if same else "MISMATCH " + t
        if not same and stats.get(k, 0) < 3: print(t, v, base64.b64decode(g["output"] or ""), base64.b64decode(j[3:]))
    elif "output" in g: k = "we_err: " + t + " :: " + j[:90]
    elif j.startswith("OK "): k = "WE_OK_GO_ERR " + t
    else: k = "both_err"
    stats[k] = stats.get(k, 0) + 1
for k, c in sorted(stats.items(), key=lambda x: -x[1]): print(c, k)
