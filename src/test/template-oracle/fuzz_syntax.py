import random, json, base64, subprocess, sys
random.seed(int(sys.argv[1])); N = int(sys.argv[2])
toks = ["{{", "}}", "{{- ", " -}}", "{{-", "-}}", " ", "\n", "\t", ".a", ".b", ".", "$", "$.a", "(", ")", "|", '"x"', '"', "`r`", "`", "1", "-1", "0x", "08",
        "1_0", "_1", "upper", "quote", "print", "if", "else", "end", "with", "range", "break", "continue", "true", "/*", "*/", "{{/*", "*/}}", "=", ":=", ",",
        "x", "é", "#", "'", "printf", "\"%s\"", "index", "len", "eq", "and", "or", "not", "default", ".a.b", "(.a).b", "\r", "1e", "0b12", "0o8", "+"]
cases = []
for i in range(N):
    t = "".join(random.choice(toks) for _ in range(random.randint(1, 12)))
    if random.random() < 0.7: t = "{{ " + t + " }}"
    cases.append(t)
vals = {"a": "va", "b": "vb"}
go_in = "\n".join(json.dumps({"template": t, "values": vals, "missing": "no_value"}) for t in cases) + "\n"
go = subprocess.run(["/tmp/oracle"], input=go_in, capture_output=True, text=True).stdout.splitlines()
j_in = "\n".join("\t".join([base64.b64encode(t.encode()).decode(), "no_value", "a=" + base64.b64encode(b"va").decode(), "b=" + base64.b64encode(b"vb").decode()]) for t in cases) + "\n"
jv = subprocess.run(["java", "-cp", "target/classes:/tmp/harness", "Harness"], input=j_in, capture_output=True, text=True).stdout.splitlines()
stats = {}; shown = 0
for t, g, j in zip(cases, go, jv):
    g = json.loads(g)
    if "output" in g and j.startswith("OK "):
        k = "same" if base64.b64decode(g["output"] or "") == base64.b64decode(j[3:]) else "MISMATCH"
        if k == "MISMATCH" and shown < 10: shown += 1; print("MM", repr(t), base64.b64decode(g["output"] or ""), base64.b64decode(j[3:]))
    elif "output" in g:
        k = "we_err"
        if shown < 25: shown += 1; print("WE_ERR", repr(t), "|", j[:150])
    elif j.startswith("OK "):
        k = "WE_OK_GO_ERR"
        if shown < 25: shown += 1; print("WE_OK", repr(t), "| go:", g["error"][:150])
    elif j.startswith("CRASH"): k = "CRASH"; print(repr(t), j)
    else: k = "both_err"
    stats[k] = stats.get(k, 0) + 1
print(stats)
