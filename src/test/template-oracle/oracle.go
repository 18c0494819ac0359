package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"text/template"

	sprig "github.com/Masterminds/sprig"
)

// usage: oracle MODE  (reads JSON {"template":..., "values":{k: base64}} lines from stdin)
type tc struct {
	Template string            `json:"template"`
	Values   map[string]string `json:"values"`
	ValuesB64 map[string][]byte `json:"valuesBase64"`
	Missing  string            `json:"missing"`
}

func main() {
	dec := json.NewDecoder(os.Stdin)
	for {
		var c tc
		if err := dec.Decode(&c); err != nil {
			break
		}
		data := map[string]string{}
		for k, v := range c.Values {
			data[k] = v
		}
		for k, v := range c.ValuesB64 {
			data[k] = string(v)
		}
		funcs := sprig.TxtFuncMap()
		delete(funcs, "env")
		delete(funcs, "expandenv")
		t := template.New("t").Funcs(funcs)
		if c.Missing != "no_value" {
			t = t.Option("missingkey=error")
		}
		out := map[string]interface{}{}
		t2, err := t.Parse(c.Template)
		if err != nil {
			out["error"] = err.Error()
		} else {
			var buf bytes.Buffer
			err = t2.Execute(&buf, data)
			if err != nil {
				out["error"] = err.Error()
			} else {
				out["output"] = buf.Bytes()
			}
		}
		b, _ := json.Marshal(out)
		fmt.Println(string(b))
	}
}
