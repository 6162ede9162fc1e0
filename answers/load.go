package answers

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// File is an answers file that was read and decoded.
type File struct {
	Path    string
	Answers Answers
	tree    *ast.File
}

// Error is what is wrong with an answers file, with the line it is on.
type Error struct {
	Path string
	Line int // 0 when the problem is with the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// Errors is every problem found in one file.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Load reads and decodes the answers file at path. Unknown keys, values of the wrong type,
// duplicated keys and an unsupported version are refused, each with its line.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read the answers file: " + rootCause(err)}
	}
	return Parse(path, data)
}

// Parse decodes an answers file's content; path names it in errors. Every problem of
// shape (unknown or repeated keys, values of the wrong kind) is reported, not just the
// first, each as "path:line: key: reason".
func Parse(path string, data []byte) (*File, error) {
	tree, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return nil, yamlError(path, err)
	}
	if len(tree.Docs) == 0 || tree.Docs[0].Body == nil {
		return nil, &Error{Path: path, Line: 1, Msg: "the answers file has no answers; firstrun help answers prints an example"}
	}
	if len(tree.Docs) > 1 {
		return nil, &Error{Path: path, Line: docLine(tree.Docs[1]),
			Msg: "a second YAML document (after ---): an answers file holds one"}
	}
	body := tree.Docs[0].Body
	s := shape{path: path}
	s.value(body, reflect.TypeFor[Answers](), "")
	if len(s.errs) > 0 {
		return nil, s.errs
	}
	f := &File{Path: path, tree: tree}
	if err := yaml.NodeToValue(body, &f.Answers, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(path, err) // the shape check lets nothing through that fails here
	}
	switch v := f.Answers.Version; {
	case v == 0:
		return nil, &Error{Path: path, Line: 1, Msg: fmt.Sprintf("version: missing; add version: %d at the top, so a later firstrun can tell this file's format", Version)}
	case v != Version:
		return nil, &Error{Path: path, Line: f.Line("version"),
			Msg: fmt.Sprintf("version: %d is not a format this firstrun reads (it reads version %d)", v, Version)}
	}
	return f, nil
}

// docLine is the line of a document's first content, or of its "---" when it is empty;
// the YAML library's own GetToken panics on an empty document with no start marker (found
// by fuzzing).
func docLine(d *ast.DocumentNode) int {
	switch {
	case d.Body != nil && d.Body.GetToken() != nil:
		return d.Body.GetToken().Position.Line
	case d.Start != nil:
		return d.Start.Position.Line
	}
	return 0
}

// Line is the line of the value at a dotted key path ("admin_user.email"), or 0 when the
// file does not have it.
func (f *File) Line(key string) int {
	if f == nil || f.tree == nil {
		return 0
	}
	p, err := yaml.PathString("$." + key)
	if err != nil {
		return 0
	}
	node, err := p.FilterFile(f.tree)
	if err != nil || node == nil {
		return 0
	}
	return node.GetToken().Position.Line
}

// Problem is a value that decodes but is not acceptable, found by a step's own checks.
type Problem struct {
	Key string // dotted path, as in the file: "admin_user.email"
	Err error
}

// Check turns problems into one error naming the file, line and key of each, or nil.
func (f *File) Check(problems []Problem) error {
	var es Errors
	for _, p := range problems {
		es = append(es, &Error{Path: f.Path, Line: f.Line(p.Key), Msg: p.Key + ": " + p.Err.Error()})
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// yamlError turns the YAML library's error, which carries a "[line:column] message"
// prefix and a source excerpt, into one line with the line number.
func yamlError(path string, err error) error {
	var line int
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		line = ye.GetToken().Position.Line
		msg = ye.GetMessage()
	} else if first, _, ok := strings.Cut(msg, "\n"); ok {
		msg = first
	}
	if strings.Contains(msg, "'\t'") {
		return &Error{Path: path, Line: line, Msg: "a tab character: YAML indents with spaces only"}
	}
	return &Error{Path: path, Line: line, Msg: "not valid YAML: " + msg}
}

func rootCause(err error) string {
	for next := errors.Unwrap(err); next != nil; next = errors.Unwrap(err) {
		err = next
	}
	return err.Error()
}
