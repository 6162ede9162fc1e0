package simulator

import (
	"encoding/json"
	"slices"
)

// trustPolicy is the part of a role trust policy the simulator evaluates.
type trustPolicy struct {
	Statement oneOrMany[struct {
		Effect    string
		Action    oneOrMany[string]
		Principal json.RawMessage // "*" or {"AWS": ..., "Service": ...}
		Condition json.RawMessage
	}]
}

// oneOrMany decodes a policy element that may be a value or a list.
type oneOrMany[T any] []T

func (m *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	var one T
	if err := json.Unmarshal(b, &one); err == nil {
		*m = []T{one}
		return nil
	}
	var many []T
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*m = many
	return nil
}

// trusts reports whether a role's trust policy lets the caller call
// sts:AssumeRole: an Allow statement for the action whose AWS principal is
// the caller's account ("arn:aws:iam::ACCOUNT:root" or the bare ID), the
// caller itself, or "*". Conditions are not evaluated yet, so a statement
// with one grants nothing: the safe way to be incomplete. Deny statements
// are not modelled either.
func trusts(policy string, caller principal, callerARNs []string) bool {
	var p trustPolicy
	if json.Unmarshal([]byte(policy), &p) != nil {
		return false
	}
	for _, st := range p.Statement {
		if st.Effect != "Allow" || len(st.Condition) > 0 || !slices.Contains(st.Action, "sts:AssumeRole") {
			continue
		}
		var everyone string
		if json.Unmarshal(st.Principal, &everyone) == nil && everyone == "*" {
			return true
		}
		var principals struct{ AWS oneOrMany[string] }
		if json.Unmarshal(st.Principal, &principals) != nil {
			continue
		}
		for _, want := range principals.AWS {
			if want == "*" || want == caller.Account || want == "arn:"+caller.partition()+":iam::"+caller.Account+":root" || slices.Contains(callerARNs, want) {
				return true
			}
		}
	}
	return false
}
