import random, json, base64, subprocess, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
VALS = ["", "x", "hello world", "  padded\t\n", "ÉtÉ ß ǆ", "a\u00a0b", "line1\nline2", "0", "czNjcjN0", "aGVs\nbG8=",
        '{"a":1,"b":[1,2.5,null],"c":"s"}', '[1,"a",true,null]', "1e6", "<&>", "%s", "abcabc", "\u2028x"]
KEYS = ["a", "b", "c", "j", "l"]
STR_FUNCS1 = ["upper", "lower", "title", "trim", "nospace", "b64enc", "toString", "quote", "squote", "toJson", "len", "not"]
def lit():
    return random.choice(['"x"', '"a b"', '"é"', '""', '`raw\\n`', '"\\t\\x41"', "0", "1", "3", "-2", "true", "false", '"ab"'])
def field():
    k = random.choice(KEYS + (["missing"] if random.random() < 0.2 else []))
    return "." + k
def arg(depth):
    r = random.random()
    if depth > 2 or r < 0.35: return random.choice([field(), lit(), ".", "$.a"])
    if r < 0.55: return "(" + expr(depth + 1) + ")"
    if r < 0.65: return "(fromJson .j)" if random.random()<0.5 else "(fromJson .l)"
    return "(" + expr(depth + 1) + ")"
def call(depth):
    f = random.choice(STR_FUNCS1 + ["replace", "trimPrefix", "trimSuffix", "indent", "nindent", "default", "print", "printf",
                                     "eq", "ne", "and", "or", "index", "join", "get", "b64dec", "fromJson"])
    if f in STR_FUNCS1 or f in ("b64dec", "fromJson"): return f + " " + arg(depth)
    if f in ("replace",): return f"replace {lit()} {lit()} {arg(depth)}"
    if f in ("trimPrefix", "trimSuffix"): return f"{f} {lit()} {arg(depth)}"
    if f in ("indent", "nindent"): return f"{f} {random.choice(['0','2','-1',field()])} {arg(depth)}"
    if f == "default": return f"default {lit()} {arg(depth)}"
    if f == "print": return "print " + " ".join(arg(depth) for _ in range(random.randint(0, 3)))
    if f == "printf": return f'printf "{random.choice(["%s","%d","%v","%q","%s-%v","a%%b"])}" ' + " ".join(arg(depth) for _ in range(random.randint(0,2)))
    if f in ("eq", "and", "or"): return f + " " + " ".join(arg(depth) for _ in range(random.randint(1, 3)))
    if f == "ne": return f"ne {arg(depth)} {arg(depth)}"
    if f == "index": return f'index {random.choice([".", "(fromJson .j)", "(fromJson .l)"])} ' + random.choice(['"a"', '"b"', "1", "0", '"missing"', "5"])
    if f == "join": return f'join "," {arg(depth)}'
    if f == "get": return "get " + random.choice(["(fromJson .j)", "."]) + " " + random.choice(['"a"', '"zz"'])
def expr(depth=0):
    e = call(depth) if random.random() < 0.7 else arg(depth)
    while random.random() < 0.3:
        f = random.choice(STR_FUNCS1 + ["default \"d\"", "replace \"a\" \"b\"", "indent 2", "printf \"%v\"", "print", "and 1", "or 0"])
        e += " | " + f
    return e
def block(depth=0):
    r = random.random()
    if depth > 2 or r < 0.5:
        t = random.choice(["{{ ", "{{- ", "{{"]) + expr() + random.choice([" }}", " -}}", "}}"])
    elif r < 0.65:
        t = "{{ if " + expr() + " }}" + block(depth+1) + ("{{ else if " + expr() + " }}" + block(depth+1) if random.random()<0.3 else "") + ("{{ else }}" + block(depth+1) if random.random()<0.5 else "") + "{{ end }}"
    elif r < 0.8:
        t = "{{ with " + expr() + " }}" + block(depth+1) + ("{{ else }}" + block(depth+1) if random.random()<0.5 else "") + "{{ end }}"
    else:
        t = "{{ range " + random.choice(["(fromJson .l)", "(fromJson .j)", ".", expr()]) + " }}" + block(depth+1) + random.choice(["", "{{ break }}", "{{ continue }}"]) + "{{ end }}"
    return random.choice(["", " ", "\n", "t "]) + t + random.choice(["", " ", "\n ", ";"])
cases = []
for i in range(N):
    tpl = "".join(block() for _ in range(random.randint(1, 3)))
    vals = {k: random.choice(VALS) for k in KEYS}
    vals["j"] = random.choice(['{"a":1,"b":[1,2.5,null],"c":"s"}', '{"a":"x"}', '{}', '{"a":null}', 'bad'])
    vals["l"] = random.choice(['[1,"a",true,null]', '[]', '["x","y"]', '[1234567, 0.5]'])
    cases.append((tpl, vals, random.choice(["error", "no_value"])))
go_in = "\n".join(json.dumps({"template": t, "values": v, "missing": m}) for t, v, m in cases) + "\n"
go = subprocess.run(["/tmp/oracle"], input=go_in, capture_output=True, text=True).stdout.splitlines()
j_in = "\n".join("\t".join([base64.b64encode(t.encode()).decode(), m] + [k + "=" + base64.b64encode(v.encode()).decode() for k, v in vl.items()]) for t, vl, m in cases) + "\n"
jv = subprocess.run(["java", "-cp", "target/classes:/tmp/harness", "Harness"], input=j_in, capture_output=True, text=True).stdout.splitlines()
assert len(go) == len(jv) == len(cases), (len(go), len(jv))
stats = {"same": 0, "both_err": 0, "we_err_go_ok": 0, "mismatch": 0, "we_ok_go_err": 0, "crash": 0}
shown = 0
for (t, v, m), g, j in zip(cases, go, jv):
    g = json.loads(g)
    if j.startswith("CRASH"):
        stats["crash"] += 1; print("CRASH", repr(t), j); continue
    if "output" in g:
        gout = base64.b64decode(g["output"] or "")
        if j.startswith("OK "):
            if base64.b64decode(j[3:]) == gout: stats["same"] += 1
            else:
                stats["mismatch"] += 1
                if shown < 15: shown += 1; print("MISMATCH", m, repr(t), v, "\n go:", gout, "\n us:", base64.b64decode(j[3:]))
        else:
            stats["we_err_go_ok"] += 1
            key = j.split(": ", 1)[-1][:60]
            stats.setdefault("E:" + key, 0); stats["E:" + key] += 1
    else:
        if j.startswith("OK "):
            stats["we_ok_go_err"] += 1
            if shown < 15: shown += 1; print("WE_OK_GO_ERR", m, repr(t), v, "\n go:", g["error"], "\n us:", base64.b64decode(j[3:]))
        else: stats["both_err"] += 1
for k, c in sorted(stats.items(), key=lambda x: -x[1]): print(c, k)
