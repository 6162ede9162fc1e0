// Package assets holds the files firstrun ships inside its binary.
package assets

import _ "embed"

//go:embed answers.example.yaml
var answersExample string

// AnswersExample is an answers file with every key, commented, and values that pass every
// check: the one in the README, and what firstrun help answers prints.
func AnswersExample() string { return answersExample }
