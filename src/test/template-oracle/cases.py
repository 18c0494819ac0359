#!/usr/bin/env python3
"""Builds src/test/resources/io/secretgate/secrets/template/cases.json.

Each case's expected output is what Go's text/template with Sprig renders (the oracle program in
oracle.go, run with the same options as ESO: missingkey=error unless the case says no_value). Cases
marked `deviation` document where secretgate deliberately differs (it fails where ESO would write
a silently wrong value) or where the oracle's Go release is older than ESO's.

Usage: build oracle.go (GOPATH with Masterminds/sprig v3), then
    python3 cases.py ./oracle > ../resources/io/secretgate/secrets/template/cases.json
"""
import base64, json, subprocess, sys

C = []
def case(name, template, values=None, b64=None, missing="error", error=None, expect=None, deviation=None):
    C.append(dict(name=name, template=template, values=values or {}, b64=b64 or {}, missing=missing,
                  error=error, expect=expect, deviation=deviation))

# ---------------------------------------------------------------- text and field references
case("plain text passes through unchanged", "hello, world\n")
case("a field reference renders the value", "{{ .password }}", {"password": "s3cr3t"})
case("a field reference without spaces renders the value", "{{.password}}", {"password": "s3cr3t"})
case("text around actions is kept byte for byte", "user={{ .user }}\npass={{ .pass }}\n", {"user": "admin", "pass": "p@ss"})
case("dot renders the data map in Go's map format", "{{ . }}", {"b": "2", "a": "1"})
case("dollar refers to the data context", "{{ $.user }}", {"user": "admin"})
case("dollar inside with still refers to the data context", "{{ with .a }}{{ . }}-{{ $.b }}{{ end }}", {"a": "x", "b": "y"})
case("index reads a key containing dashes", '{{ index . "service-account-token" }}', {"service-account-token": "tok"})
case("index of a missing key renders empty instead of failing", '[{{ index . "nope" }}]', {"a": "x"})
case("index with a non-string key fails", '{{ index . 1 }}', {"a": "x"}, error="value has type int; should be string")
case("a missing key fails like ESO", "{{ .nope }}", {"a": "x"}, error='map has no entry for key "nope"')
case("a missing key renders no value under the rewrite policy", "{{ .nope }}", {"a": "x"}, missing="no_value")
case("a missing key followed by a field renders no value under the rewrite policy", "{{ .nope.x }}", {"a": "x"}, missing="no_value")
case("a field of a string value fails", "{{ .a.b }}", {"a": "x"}, error="can't evaluate field b in type string")
case("a field given arguments fails", '{{ .a "x" }}', {"a": "x"}, error="a is not a method but has arguments")
case("a field given a piped argument fails", '{{ "x" | .a }}', {"a": "x"}, error="a is not a method but has arguments")
case("a value with bytes that are not UTF-8 is rendered byte for byte", "<{{ .bin }}>", b64={"bin": b"\xff\x00\xfe"})

# ---------------------------------------------------------------- trim markers and comments
case("a left trim marker removes preceding white space", "a  \n\t {{- .x }}b", {"x": "x"})
case("a right trim marker removes following white space", "a{{ .x -}}  \n b", {"x": "x"})
case("trim markers on both sides remove white space on both sides", "a \n{{- .x -}}\n b", {"x": "x"})
case("a minus without a following space is a negative number, not a trim marker", "{{-3}}")
case("trim markers trim only spaces, tabs, carriage returns and newlines", "a\u00a0\f{{- .x -}}\v b", {"x": "x"})
case("a trim marker also works with a newline after the minus", "a {{-\n.x\n-}} b", {"x": "x"})
case("a comment renders nothing", "a{{/* hidden */}}b")
case("a comment may span lines", "a{{/* one\ntwo */}}b")
case("a trimmed comment removes white space on both sides", "a \n{{- /* note */ -}}\n b")
case("an unclosed comment is a parse error", "{{/* x", error="unclosed comment")
case("a comment must end at the closing delimiter", "{{/* x */ }}", error="comment ends before closing delimiter")
case("a comment needs to start right after the delimiter", "{{ /* x */ }}", error='unexpected "/" in command')

# ---------------------------------------------------------------- literals
case("a double-quoted literal decodes Go escapes", r'{{ "a\tb\n\x41\u00e9\101\\\"\a\v" }}')
case("a raw string literal keeps backslashes", r"{{ `a\n` }}")
case("a raw string literal drops carriage returns and may span lines", "{{ `a\r\nb` }}")
case("a hex escape can produce bytes that are not UTF-8", r'{{ "\xff" | b64enc }}')
case("an unknown escape is a parse error", r'{{ "\q" }}', error="invalid string literal")
case("a surrogate escape is a parse error", r'{{ "\ud800" }}', error="invalid string literal")
case("an unterminated string is a parse error", '{{ "abc }}', error="unterminated quoted string")
case("an unterminated raw string is a parse error", '{{ `abc }}', error="unterminated raw quoted string")
case("integer literals are decimal, hex, octal and binary, with underscores", "{{ 42 }} {{ -7 }} {{ +7 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}")
case("bool literals render as true and false", "{{ true }} {{ false }}")
case("a floating-point constant is rejected", "{{ 1.5 }}", error='template construct "floating-point constant 1.5" is not supported', deviation="Go renders 1.5")
case("an exponent constant is rejected as floating-point", "{{ 1e3 }}", error='floating-point constant 1e3', deviation="Go accepts 1e3 as the integer 1000; secretgate rejects floating-point syntax")
case("a character constant is rejected", "{{ 'a' }}", error='template construct "character constant \'a\'" is not supported', deviation="Go renders 97")
case("a complex constant is rejected", "{{ 1+2i }}", error='template construct "complex constant 1+2i" is not supported', deviation="Go renders (1+2i)")
case("an integer constant beyond 64 bits is rejected", "{{ 9223372036854775808 }}", error="overflows int")
case("a bad number is a parse error", "{{ 12ab }}", error='bad number syntax: "12a"')
case("nil is rejected", "{{ print nil }}", error='template construct "nil" is not supported', deviation="Go renders <nil>")

# ---------------------------------------------------------------- pipelines
case("a pipeline passes the value as the last argument", '{{ .x | replace "a" "b" }}', {"x": "banana"})
case("a pipeline applies its stages left to right", '{{ .x | trim | upper | quote }}', {"x": "  hi  "})
case("a parenthesised sub-expression is an argument", '{{ printf "%s-%s" (upper .a) (lower .b) }}', {"a": "ab", "b": "CD"})
case("a parenthesised pipeline can be the whole command", "{{ (.a | upper) }}", {"a": "ab"})
case("parentheses nest", '{{ upper (replace "a" "b" (lower (trim .a))) }}', {"a": " AXA "})
case("a trailing pipe symbol is allowed", "{{ .a | }}", {"a": "x"})
case("a literal as a later pipeline stage is a parse error", '{{ .a | "x" }}', {"a": "x"}, error="non executable command in pipeline stage 2")
case("an argument to a literal fails", '{{ "a" "b" }}', error="can't give argument to non-function")
case("an argument to a parenthesised pipeline fails", '{{ "a" | (upper "b") }}', error="can't give argument to non-function")
case("an empty action is a parse error", "{{ }}", error="missing value for command")
case("an unclosed action is a parse error", "{{ .a ", {"a": "x"}, error="unclosed action")
case("an unclosed parenthesis is a parse error", "{{ (.a }}", {"a": "x"}, error="unclosed left paren")
case("an unexpected right parenthesis is a parse error", "{{ .a) }}", {"a": "x"}, error="unexpected right paren")
case("an unexpected character is a parse error", "{{ .a ; }}", {"a": "x"}, error='unexpected ";" in operand')
case("a field of a literal is a parse error", '{{ "x".y }}', error='unexpected . after term')
case("parse errors give the line and column", "first line\n  {{ .a | @ }}", {"a": "x"}, error='line 2, column 11: unexpected "@" in command')
case("an unexpected end is a parse error", "{{ end }}", error="unexpected {{end}}")
case("an unexpected else is a parse error", "{{ else }}", error="unexpected {{else}}")
case("a missing end is a parse error", "{{ if .a }}x", {"a": "x"}, error="unexpected EOF")
case("a wrong argument count fails", '{{ upper "a" "b" }}', error="wrong number of args for upper: want 1 got 2")
case("a missing argument fails", '{{ replace "a" "b" }}', error="wrong number of args for replace: want 3 got 2")
case("a literal of the wrong type fails", "{{ upper 1 }}", error="expected string; found 1")
case("a string literal where an integer is needed fails", '{{ indent "2" .x }}', {"x": "a"}, error='expected integer; found "2"')
case("a value of the wrong type fails", "{{ indent .n .x }}", {"n": "2", "x": "a"}, error="wrong type for value; expected int; got string")
case("a function without arguments used as an argument is called", "{{ quote (print) }}")

# ---------------------------------------------------------------- print, printf
case("print joins operands, with spaces only between non-strings", '{{ print "a" 1 2 "b" true }}|{{ print }}')
case("printf supports %s %d %v %q and %%", '{{ printf "%s:%d:%v:%v:%q:%%" .a 5 true .b .c }}', {"a": "x", "b": "y", "c": "q\"\n"})
case("printf %v prints a JSON object as a Go map", '{{ printf "%v" (fromJson .j) }}', {"j": '{"b":[1,"x",null],"a":{"c":true}}'})
case("printf rejects other verbs", '{{ printf "%x" .a }}', {"a": "x"}, error="printf: the format uses a verb", deviation="Go renders 78")
case("printf rejects flags and widths", '{{ printf "%5s" .a }}', {"a": "x"}, error="printf: the format uses a verb", deviation="Go pads")
case("printf rejects %d of a string", '{{ printf "%d" .a }}', {"a": "x"}, error="%d needs an int argument, got string", deviation="Go writes %!d(string=x) into the output")
case("printf rejects %s of an integer", '{{ printf "%s" 1 }}', error="%s needs a string argument, got int", deviation="Go writes %!s(int=1)")
case("printf rejects a missing argument", '{{ printf "%s %s" .a }}', {"a": "x"}, error="more verbs than there are arguments", deviation="Go writes %!s(MISSING)")
case("printf rejects an extra argument", '{{ printf "%s" .a .a }}', {"a": "x"}, error="more arguments than the format has verbs", deviation="Go writes %!(EXTRA string=x)")
case("printf rejects a lone percent at the end", '{{ printf "a%" }}', error="printf: the format uses a verb", deviation="Go writes %!(NOVERB)")

# ---------------------------------------------------------------- quoting
case("quote escapes quotes, control characters and invalid bytes", "{{ quote .a }}", b64={"a": "say \"hi\"\t\u0007\u00a0\u00e9\U0001F600\u200b\\".encode() + b"\xff"})
case("quote quotes every non-nil argument", "{{ quote .a 1 true }}|{{ quote }}", {"a": "x"})
case("quote skips a missing value under the rewrite policy", "[{{ quote .nope }}]", missing="no_value")
case("squote wraps in single quotes without escaping", "{{ squote .a 2 }}", {"a": "it's"})

# ---------------------------------------------------------------- string functions
case("upper and lower map simple case pairs and keep sharp s", "{{ upper .a }}|{{ lower .b }}", {"a": "straße été ǆ abc", "b": "ÉTÉ ẞ İ ABC"})
case("upper replaces bytes that are not UTF-8 with U+FFFD", "{{ upper .a | b64enc }}", b64={"a": b"a\xffb"})
case("title capitalises the first letter of each word", "{{ title .a }}", {"a": "hello wORLD-foo_bar x.y élan ǆa 9lives"})
case("trim removes Unicode white space at both ends", "[{{ trim .a }}]", {"a": "\u3000 \t a b \u00a0\n\u2029"})
case("trim keeps bytes that are not UTF-8", "{{ trim .a | b64enc }}", b64={"a": b" \xff \x85 "})
case("trimPrefix and trimSuffix remove one occurrence", '{{ trimPrefix "ab" .a }}|{{ trimSuffix "yz" .a }}|{{ .a | trimPrefix "zz" }}', {"a": "ababxyzyz"})
case("replace replaces every occurrence", '{{ replace "ab" "X" .a }}|{{ .a | replace "" "-" }}', {"a": "abcabé"})
case("nospace removes white space", "[{{ nospace .a }}]", {"a": " a\tb\nc  d\u3000"})
case("nospace keeps non-ASCII text unchanged when there is no white space", "{{ nospace .a }}", {"a": "été"})
case("nospace re-encodes non-ASCII bytes like ESO when it removes white space", "{{ nospace .a }}", {"a": "a b é…"})
case("indent prefixes every line", "{{ indent 2 .a }}|{{ .a | indent 0 }}", {"a": "l1\nl2\n"})
case("nindent starts with a newline", "x:{{ .a | nindent 4 }}", {"a": "l1\nl2"})
case("indent with a negative count fails", "{{ indent -1 .a }}", {"a": "x"}, error="error calling indent: strings: negative Repeat count")
case("b64enc encodes with standard padding", "{{ b64enc .a }}|{{ .b | b64enc }}|{{ b64enc \"\" }}", {"a": "hello", "b": "hi?>"})
case("b64enc encodes bytes that are not UTF-8 exactly", "{{ .bin | b64enc }}", b64={"bin": b"\x00\xff\xfe\x80abc"})
case("b64dec reverses b64enc", "{{ .a | b64enc | b64dec }}", {"a": "round trip ✓"})
case("b64dec of binary data keeps every byte", "{{ .a | b64dec }}", {"a": "AP/+gGFiYw=="})
case("b64dec ignores line breaks", "{{ b64dec .a }}", {"a": "aGVs\r\nbG8=\n"})
case("b64dec of invalid base64 fails", "{{ b64dec .a }}", {"a": "not base64!"}, error="b64dec: the value is not valid standard base64", deviation="Sprig returns Go's error text 'illegal base64 data at input byte 3' as the value")
case("b64dec of base64 without padding fails", "{{ b64dec .a }}", {"a": "aGk"}, error="not valid standard base64", deviation="Sprig returns Go's error text as the value")

# ---------------------------------------------------------------- default, toString
case("default replaces an empty string", '{{ .e | default "d" }}|{{ default "d" .v }}', {"e": "", "v": "v"})
case("default treats zero and false as empty", '{{ default "d" 0 }}|{{ default "d" false }}|{{ default "d" 3 }}|{{ default "d" }}')
case("default does not rescue a missing key under ESO's policy", '{{ .nope | default "d" }}', error='map has no entry for key "nope"')
case("default replaces a missing key under the rewrite policy", '{{ .nope | default "d" }}', missing="no_value")
case("toString renders any value as text", '{{ toString 5 }}|{{ toString true }}|{{ toString .a }}|{{ toString (fromJson "[1.5,null]") }}', {"a": "s"})

# ---------------------------------------------------------------- JSON
case("fromJson gives field access to a JSON object", '{{ (fromJson .j).user }}:{{ (fromJson .j).port }}', {"j": '{"user":"app","port":5432}'})
case("fromJson numbers print the way Go prints float64", '{{ range (fromJson .j) }}{{ . }} {{ end }}', {"j": "[0, -0, 1, 1.5, 123456, 1234567, 1e21, 0.0001, 0.00001, 2.5e-8, 1e100, 9007199254740993, 0.1, 100000]"})
case("toJson sorts keys and escapes like encoding/json", '{{ toJson (fromJson .j) }}', {"j": '{"b":[1,2.5,1e21,1e-7,0.000001,null,true],"a":"<&>\\u2028é","c":{}}'})
case("toJson of a string escapes HTML characters", '{{ toJson .a }}', {"a": "<a href=\"x\">&\t\\</a>"})
case("toJson of control characters uses the short escapes of current Go", '{{ toJson .a }}', {"a": "\b\f\u0001"}, expect='"\\b\\f\\u0001"', deviation="Go 1.22 and later (which ESO is built with) write \\b and \\f; the oracle's Go 1.19 writes \\u0008 and \\u000c")
case("toJson of the data context is an object of strings", '{{ toJson . }}', {"b": "2", "a": "1"})
case("toJson replaces bytes that are not UTF-8", '{{ toJson .a }}', b64={"a": b"a\xffb"})
case("fromJson of invalid JSON fails", '{{ fromJson .j }}', {"j": "{bad"}, error="fromJson: the value is not valid JSON", deviation="Sprig silently renders <no value>")
case("a JSON null field renders no value", '{{ (fromJson .j).n }}', {"j": '{"n":null}'})
case("a field of a JSON null fails", '{{ (fromJson .j).n.x }}', {"j": '{"n":null}'}, missing="no_value", error="nil pointer evaluating interface {}.x")
case("a missing JSON field fails like any missing key", '{{ (fromJson .j).nope }}', {"j": '{"n":1}'}, error='map has no entry for key "nope"')
case("get reads a JSON object key and gives empty for a missing one", '{{ get (fromJson .j) "a" }}|{{ get (fromJson .j) "nope" }}|', {"j": '{"a":"x"}'})
case("get does not accept the data context", '{{ get . "a" }}', {"a": "x"}, error="wrong type for value; expected map[string]interface {}; got map[string]string")
case("join joins list elements as text and skips nulls", '{{ join ", " (fromJson .j) }}|{{ join "," .s }}', {"j": '[1,"a",null,true,{"b":2},[3]]', "s": "single"})
case("index reads list elements and nested keys", '{{ index (fromJson .j) 1 "k" }}', {"j": '[0,{"k":"v"}]'})
case("index beyond the end of a list fails", '{{ index (fromJson .j) 5 }}', {"j": '[0]'}, error="index out of range: 5")
case("index of a string is rejected", '{{ index .a 0 }}', {"a": "abc"}, error="index of a string", deviation="Go renders the byte value 97")
case("len counts bytes, keys and elements", '{{ len .a }} {{ len . }} {{ len (fromJson .j) }}', {"a": "é", "j": "[1,2,3]"})
case("len of an integer fails", "{{ len 3 }}", error="len of type int")

# ---------------------------------------------------------------- conditions
case("if renders its body when the value is non-empty", "{{ if .a }}yes{{ end }}|{{ if .e }}yes{{ end }}", {"a": "x", "e": ""})
case("if else chooses the else branch for an empty value", "{{ if .e }}yes{{ else }}no{{ end }}", {"e": ""})
case("else if chains conditions", '{{ if eq .env "prod" }}P{{ else if eq .env "dev" }}D{{ else }}O{{ end }}', {"env": "dev"})
case("if uses Go truthiness for numbers, bools, lists and maps", '{{ if 0 }}a{{ end }}{{ if 1 }}b{{ end }}{{ if false }}c{{ end }}{{ if (fromJson "[]") }}d{{ end }}{{ if (fromJson "{\\"k\\":1}") }}e{{ end }}{{ if (fromJson "0.0") }}f{{ end }}')
case("if of a missing key renders the else branch under the rewrite policy", "{{ if .nope }}y{{ else }}n{{ end }}", missing="no_value")
case("with binds dot to the value", "{{ with .a }}[{{ . }}]{{ end }}", {"a": "x"})
case("with else renders the else branch for an empty value", "{{ with .e }}[{{ . }}]{{ else }}none{{ end }}", {"e": ""})
case("else with chains with blocks", "{{ with .e }}1{{ else with .a }}2{{ . }}{{ else }}3{{ end }}", {"e": "", "a": "x"}, expect="2x", deviation="{{else with}} is Go 1.23; the oracle's Go 1.19 rejects it")
case("not, and and or follow Go's rules", '{{ not .e }} {{ and .a .e }}|{{ and .a "z" }} {{ or .e "fallback" }} {{ or .e 0 }}', {"a": "x", "e": ""})
case("and evaluates its arguments up to the first empty one", '{{ and .a .nope }}', {"a": "x"}, error='map has no entry for key "nope"')
case("and does not evaluate arguments after an empty one", '{{ and .e (index (fromJson "[]") 3) }}|', {"e": ""})
case("or does not evaluate arguments after a non-empty one", '{{ or .a (index (fromJson "[]") 3) }}', {"a": "x"})
case("eq compares strings, integers and bools, and any of several values", '{{ eq .a "x" }} {{ eq 1 1 }} {{ eq true false }} {{ eq .a "y" "x" }} {{ ne .a "x" }}', {"a": "x"})
case("eq of different types fails", '{{ eq .a 1 }}', {"a": "x"}, error="incompatible types for comparison")
case("eq of a JSON number and an integer literal fails", '{{ eq (fromJson "1") 1 }}', error="incompatible types for comparison")
case("eq of two JSON numbers compares their values", '{{ eq (fromJson "1.0") (fromJson "1") }}')
case("eq of two missing values is true under the rewrite policy", "{{ eq .x .y }} {{ eq .x \"a\" }}", missing="no_value")
case("eq of JSON objects fails", '{{ eq (fromJson "{}") (fromJson "{}") }}', error="non-comparable types for comparison")
case("eq of a list and a missing value is false under the rewrite policy", '{{ eq (fromJson "[]") .nope }} {{ eq .nope (fromJson "{}") }}', missing="no_value")
case("eq of a list and a string fails", '{{ eq "x" (fromJson "[]") }}', error="incompatible types for comparison")
case("eq of the data context and a string fails", '{{ eq . "x" }}', error="incompatible types for comparison")
case("eq stops at the first equal value", '{{ eq 1 1 (fromJson "[]") }}')
case("eq of two JSON nulls is true", '{{ eq (fromJson "null") (fromJson "null") }}')
case("eq needs two arguments", "{{ eq 1 }}", error="missing argument for comparison")

# ---------------------------------------------------------------- range
case("range over a JSON list renders each element", '{{ range (fromJson .j) }}<{{ . }}>{{ end }}', {"j": '["a",1,true]'})
case("range over the data context visits values in key order", "{{ range . }}{{ . }};{{ end }}", {"b": "2", "a": "1", "c": "3"})
case("range over a JSON object visits values in key order", '{{ range (fromJson .j) }}{{ . }};{{ end }}', {"j": '{"z":1,"a":2,"é":3,"B":4}'})
case("range over an empty list renders the else branch", '{{ range (fromJson "[]") }}x{{ else }}empty{{ end }}')
case("range over an integer counts from zero", "{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}none{{ end }}", expect="012|none", deviation="ranging over an integer is Go 1.22; the oracle's Go 1.19 rejects it")
case("range over a string fails", "{{ range .a }}x{{ end }}", {"a": "abc"}, error="range can't iterate over a value of type string")
case("break and continue control the innermost range", '{{ range (fromJson .j) }}{{ if eq . "skip" }}{{ continue }}{{ end }}{{ if eq . "stop" }}{{ break }}{{ end }}{{ . }};{{ end }}', {"j": '["a","skip","b","stop","c"]'})
case("break outside range is a parse error", "{{ break }}", error="{{break}} outside {{range}}")
case("a field of a null list element fails", '{{ range (fromJson .j) }}{{ .x }}{{ end }}', {"j": "[null]"}, error="nil pointer evaluating interface {}.x")

# ---------------------------------------------------------------- rejected constructs
case("an unsupported Sprig function is rejected by name", "{{ .a | sha256sum }}", {"a": "x"}, error='template function "sha256sum" is not supported by secretgate (supported: and, b64dec', deviation="rejected by design")
case("an ESO PKCS#12 function is rejected by name", "{{ .a | pkcs12key }}", {"a": "x"}, error='template function "pkcs12key" is not supported by secretgate', deviation="rejected by design")
case("an ESO PEM function is rejected by name", '{{ .a | filterPEM "CERTIFICATE" }}', {"a": "x"}, error='template function "filterPEM" is not supported by secretgate', deviation="rejected by design")
case("a Sprig network function is rejected by name, not reported as undefined", "{{ getHostByName .a }}", {"a": "x"}, error='template function "getHostByName" is not supported by secretgate', deviation="rejected by design")
case("an ESO JWK function is rejected by name", "{{ .a | jwkPublicKeyPem }}", {"a": "x"}, error='template function "jwkPublicKeyPem" is not supported by secretgate', deviation="rejected by design")
case("an ESO PEM to PKCS#12 function is rejected by name", "{{ fullPemToPkcs12 .a }}", {"a": "x"}, error='template function "fullPemToPkcs12" is not supported by secretgate', deviation="rejected by design")
case("a Go builtin outside the subset is rejected by name", "{{ lt 1 2 }}", error='template function "lt" is not supported by secretgate', deviation="rejected by design")
case("an unknown function is reported as not defined", "{{ frobnicate .a }}", {"a": "x"}, error='template function "frobnicate" is not defined (supported: ')
case("env is not defined, as in ESO", "{{ env \"HOME\" }}", error='template function "env" is not defined')
case("a variable declaration is rejected", "{{ $x := .a }}{{ $x }}", {"a": "x"}, error='template construct "variable declaration $x :=" is not supported', deviation="rejected by design")
case("a variable assignment is rejected", "{{ $x = .a }}", {"a": "x"}, error='template construct "variable declaration $x =" is not supported')
case("range variables are rejected", "{{ range $i, $v := . }}{{ end }}", {"a": "x"}, error='template construct "variable declaration $i," is not supported', deviation="rejected by design")
case("a variable other than $ is rejected", "{{ $x }}", error='template construct "variable $x" is not supported')
case("define is rejected", '{{ define "x" }}a{{ end }}', error='template construct "define" is not supported', deviation="rejected by design")
case("template is rejected", '{{ template "x" }}', error='template construct "template" is not supported')
case("block is rejected", '{{ block "x" . }}a{{ end }}', error='template construct "block" is not supported', deviation="rejected by design")

# ---------------------------------------------------------------- run the oracle
def main(oracle):
    lines = []
    for c in C:
        lines.append(json.dumps({"template": c["template"], "values": c["values"],
                                 "valuesBase64": {k: base64.b64encode(v).decode() for k, v in c["b64"].items()},
                                 "missing": c["missing"]}))
    res = subprocess.run([oracle], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    results = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(results) == len(C), (len(results), len(C))
    out = []
    problems = []
    for c, r in zip(C, results):
        o = {"name": c["name"], "template": c["template"]}
        if c["values"]:
            o["values"] = c["values"]
        if c["b64"]:
            o["valuesBase64"] = {k: base64.b64encode(v).decode() for k, v in c["b64"].items()}
        if c["missing"] != "error":
            o["missingKey"] = "NO_VALUE"
        go_out = base64.b64decode(r["output"] or "") if "output" in r else None
        if c["error"] is not None:
            o["error"] = c["error"]
            if go_out is not None and not c["deviation"]:
                problems.append(f"{c['name']}: Go renders {go_out!r} but the case expects an error")
        else:
            if c["expect"] is not None:
                exp = c["expect"].encode()
                if not c["deviation"]:
                    problems.append(f"{c['name']}: expectation given without a deviation note")
            elif go_out is None:
                problems.append(f"{c['name']}: Go fails: {r.get('error')}")
                continue
            else:
                exp = go_out
            try:
                o["expect"] = exp.decode("utf-8")
            except UnicodeDecodeError:
                o["expectBase64"] = base64.b64encode(exp).decode()
        if c["deviation"]:
            o["deviation"] = c["deviation"]
        out.append(o)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
