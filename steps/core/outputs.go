package step

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"

	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Outputs are the identifiers a step found or made (ARNs, IDs, names, never a secret),
// saved with its outcome. Each step declares its outputs as a struct of string fields
// tagged with their checkpoint keys, `json:"role_arn,omitempty"`; the checkpoint keeps them
// as its resources, and other steps read them back typed with Output.
type Outputs any

// Encode turns outputs into the checkpoint's resources. Fields left empty are left out.
func Encode(o Outputs) map[string]string {
	if o == nil {
		return nil
	}
	if m, ok := o.(map[string]string); ok {
		return maps.Clone(m)
	}
	data, err := json.Marshal(o)
	if err != nil {
		panic(fmt.Sprintf("step outputs %T: %v", o, err))
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		panic(fmt.Sprintf("step outputs %T hold more than strings: %v", o, err))
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// Merge encodes each of outputs and merges them, later ones over earlier.
func Merge(outputs ...Outputs) map[string]string {
	var out map[string]string
	for _, o := range outputs {
		m := Encode(o)
		if len(m) == 0 {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		maps.Copy(out, m)
	}
	return out
}

// Decode reads resources back into T, a step's outputs type.
func Decode[T any](resources map[string]string) T {
	var t T
	if len(resources) == 0 {
		return t
	}
	data, _ := json.Marshal(resources) // a map of strings always marshals
	_ = json.Unmarshal(data, &t)       // keys T doesn't know are left out
	return t
}

// Output is what step id recorded in doc, as T.
func Output[T any](doc checkpoint.Document, id ID) T {
	return Decode[T](doc.Steps[string(id)].Resources)
}

// CheckOutputs reports whether t can be a step's outputs type: a struct whose fields are all
// strings, each named by a json tag.
func CheckOutputs(t any) error {
	rt := reflect.TypeOf(t)
	if rt == nil || rt.Kind() != reflect.Struct {
		return fmt.Errorf("%T is not a struct", t)
	}
	for i := range rt.NumField() {
		f := rt.Field(i)
		if f.Type.Kind() != reflect.String {
			return fmt.Errorf("%s.%s is a %s, not a string", rt.Name(), f.Name, f.Type)
		}
		if tag := f.Tag.Get("json"); tag == "" || tag == "-" {
			return fmt.Errorf("%s.%s has no json tag naming its checkpoint key", rt.Name(), f.Name)
		}
	}
	return nil
}
