package billing

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
)

// TrustPolicy is the billing role's trust policy: principals of account, in partition
// (those whose own permissions allow sts:AssumeRole on the role), may assume it, and only
// when they signed in with MFA. It is laid out to be read on screen, and sent to IAM
// exactly as shown.
func TrustPolicy(partition, account string) string {
	return `{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow",
   "Principal": {"AWS": "` + accountRoot(partition, account) + `"},
   "Action": "sts:AssumeRole",
   "Condition": {"Bool": {"` + mfaPresentKey + `": "true"}}}]}`
}

const mfaPresentKey = "aws:MultiFactorAuthPresent"

func accountRoot(partition, account string) string {
	return awsclient.ARN(partition, "iam", account, "root")
}

// TrustDifferences says, one phrase each, how a role's trust policy differs in effect from
// TrustPolicy(partition, account); it is empty when the two are equivalent. Spelling is not a
// difference: the account as an ID or an ARN, a value or a one-element list, a Sid or
// white space.
func TrustDifferences(doc, partition, account string) []string {
	var p struct{ Statement oneOrMany[trustStatement] }
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return []string{"it is not valid JSON"}
	}
	var diffs []string
	add := func(format string, args ...any) {
		if d := fmt.Sprintf(format, args...); !slices.Contains(diffs, d) {
			diffs = append(diffs, d)
		}
	}
	trusted := false
	for _, st := range p.Statement {
		if st.Effect != "Allow" || st.NotPrincipal != nil || st.NotAction != nil {
			add("it has a statement that is not a plain Allow")
			continue
		}
		for _, a := range st.Action {
			if !strings.EqualFold(a, "sts:AssumeRole") {
				add("it also allows %s", a)
			}
		}
		ours := false
		for _, pr := range st.principals() {
			if pr == "AWS "+account || pr == "AWS "+accountRoot(partition, account) {
				ours = true
				continue
			}
			add("it also trusts %s", pr)
		}
		mfa, others := st.conditions()
		if !mfa {
			add("it does not require MFA")
		}
		for _, c := range others {
			add("it has another condition (%s)", c)
		}
		trusted = trusted || (ours && mfa)
	}
	if !trusted {
		add("it does not let this account's principals assume the role with MFA")
	}
	return diffs
}

type trustStatement struct {
	Effect       string
	Principal    json.RawMessage
	NotPrincipal json.RawMessage
	Action       oneOrMany[string]
	NotAction    json.RawMessage
	Condition    map[string]map[string]json.RawMessage
}

// principals lists the statement's principals as "TYPE value" ("AWS 123456789012",
// "Service ec2.amazonaws.com"); "*" is everyone.
func (st trustStatement) principals() []string {
	var everyone string
	if json.Unmarshal(st.Principal, &everyone) == nil {
		return []string{"anyone (" + everyone + ")"}
	}
	var byType map[string]oneOrMany[string]
	if json.Unmarshal(st.Principal, &byType) != nil {
		return []string{"an unreadable principal"}
	}
	var out []string
	for kind, values := range byType {
		for _, v := range values {
			if v == "*" {
				v = "* (anyone)"
			}
			out = append(out, kind+" "+v)
		}
	}
	sort.Strings(out)
	return out
}

// conditions reports whether the statement requires MFA (Bool aws:MultiFactorAuthPresent
// true) and names its other conditions.
func (st trustStatement) conditions() (mfa bool, others []string) {
	for op, keys := range st.Condition {
		for k, raw := range keys {
			if op == "Bool" && strings.EqualFold(k, mfaPresentKey) && isTrue(raw) {
				mfa = true
				continue
			}
			others = append(others, op+" "+k)
		}
	}
	sort.Strings(others)
	return mfa, others
}

// isTrue reads a condition value that says true: true, "true", or a list of only those.
func isTrue(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	values, ok := v.([]any)
	if !ok {
		values = []any{v}
	}
	for _, v := range values {
		s, isString := v.(string)
		if v != true && !(isString && strings.EqualFold(s, "true")) {
			return false
		}
	}
	return len(values) > 0
}

// oneOrMany decodes a policy element that may be a value or a list of values.
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
