package answers

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// shape compares a parsed file with the Answers struct before it is decoded, so that every
// unknown key, repeated key and value of the wrong kind is reported at once, each with its
// line and dotted key and in the words of the file (the decoder stops at the first problem
// and names Go types).
type shape struct {
	path string
	errs Errors
}

func (s *shape) add(line int, key, msg string) {
	if key != "" {
		msg = key + ": " + msg
	}
	s.errs = append(s.errs, &Error{Path: s.path, Line: line, Msg: msg})
}

// value checks node n against type t at the dotted key.
func (s *shape) value(n ast.Node, t reflect.Type, key string) {
	n = unwrap(n)
	if n == nil || n.Type() == ast.NullType {
		return // left empty: not answered
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	line := n.GetToken().Position.Line
	switch t.Kind() {
	case reflect.Struct:
		s.mapping(n, t, key)
	case reflect.Int:
		if n.Type() != ast.IntegerType {
			s.add(line, key, "expected a whole number, got "+describe(n))
		} else if _, err := strconv.ParseInt(n.GetToken().Value, 0, 64); err != nil {
			s.add(line, key, "the number "+n.GetToken().Value+" is too large")
		}
	case reflect.Bool:
		if n.Type() != ast.BoolType {
			s.add(line, key, "expected true or false, got "+describe(n))
		}
	case reflect.String:
		if _, ok := n.(ast.ScalarNode); !ok {
			s.add(line, key, "expected a single value, got "+describe(n))
		}
	}
}

// mapping checks the keys of a section against the fields of struct t.
func (s *shape) mapping(n ast.Node, t reflect.Type, key string) {
	m, ok := n.(ast.MapNode)
	if !ok {
		what := "expected a section of keys and values"
		if key == "" {
			what = "expected keys and values, such as version: 1"
		}
		s.add(n.GetToken().Position.Line, key, what+", got "+describe(n))
		return
	}
	fields := yamlFields(t)
	seen := map[string]int{}
	for it := m.MapRange(); it.Next(); {
		tok := it.Key().GetToken()
		name, line := tok.Value, tok.Position.Line
		full := join(key, name)
		if first, repeated := seen[name]; repeated {
			s.add(line, full, fmt.Sprintf("given twice (first on line %d)", first))
			continue
		}
		seen[name] = line
		ft, known := fields[name]
		if !known {
			s.add(line, full, "not a key firstrun knows; "+knownKeys(key, t))
			continue
		}
		s.value(it.Value(), ft, full)
	}
}

// unwrap looks through a tag (!!str) or an anchor (&name) to the value.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// describe names a value as the file shows it: "abc" for a scalar, or what it is.
func describe(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return "a section of keys"
	case ast.SequenceType:
		return "a list"
	case ast.AliasType:
		return "an alias (*name)"
	}
	return strconv.Quote(n.GetToken().Value)
}

// yamlFields maps the YAML names of struct t's fields to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		if name := yamlName(f); name != "" {
			fields[name] = f.Type
		}
	}
	return fields
}

// knownKeys lists, in the struct's order, the keys a section may have.
func knownKeys(key string, t reflect.Type) string {
	var names []string
	for f := range t.Fields() {
		if name := yamlName(f); name != "" {
			names = append(names, name)
		}
	}
	where := "the top level"
	if key != "" {
		where = key
	}
	return where + " has " + strings.Join(names, ", ")
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}
