package billing_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/firstrun/firstrun/steps/billing"
)

const account = "412318265094"

func TestTrustPolicyTrustsOnlyThisAccountWithMFA(t *testing.T) {
	var doc struct {
		Version   string
		Statement []struct {
			Effect    string
			Principal map[string]string
			Action    string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(billing.TrustPolicy("aws", account)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2012-10-17" || len(doc.Statement) != 1 {
		t.Fatalf("policy %+v", doc)
	}
	st := doc.Statement[0]
	if st.Effect != "Allow" || st.Action != "sts:AssumeRole" || len(st.Principal) != 1 ||
		st.Principal["AWS"] != "arn:aws:iam::"+account+":root" ||
		len(st.Condition) != 1 || len(st.Condition["Bool"]) != 1 || st.Condition["Bool"]["aws:MultiFactorAuthPresent"] != "true" {
		t.Errorf("statement %+v", st)
	}
	if diffs := billing.TrustDifferences(billing.TrustPolicy("aws", account), "aws", account); len(diffs) != 0 {
		t.Errorf("firstrun's own policy differs from itself: %v", diffs)
	}
}

func TestTrustDifferences(t *testing.T) {
	allow := func(principal, condition string) string {
		st := `{"Effect":"Allow","Principal":` + principal + `,"Action":"sts:AssumeRole"`
		if condition != "" {
			st += `,"Condition":` + condition
		}
		return `{"Version":"2012-10-17","Statement":[` + st + `}]}`
	}
	const mfa = `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`
	for _, tc := range []struct {
		name, doc string
		want      []string // nil: equivalent
	}{
		{"the account as an ID", allow(`{"AWS":"`+account+`"}`, mfa), nil},
		{"lists and a Sid", `{"Statement":{"Sid":"Billing","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::` + account +
			`:root"]},"Action":["sts:AssumeRole"],"Condition":{"Bool":{"aws:multifactorauthpresent":[true]}}}}`, nil},
		{"no MFA", allow(`{"AWS":"arn:aws:iam::`+account+`:root"}`, ""),
			[]string{"it does not require MFA", "it does not let this account's principals assume the role with MFA"}},
		{"MFA false", allow(`{"AWS":"`+account+`"}`, `{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`),
			[]string{"it does not require MFA", "it has another condition (Bool aws:MultiFactorAuthPresent)",
				"it does not let this account's principals assume the role with MFA"}},
		{"IfExists is weaker", allow(`{"AWS":"`+account+`"}`, `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`),
			[]string{"it does not require MFA", "it has another condition (BoolIfExists aws:MultiFactorAuthPresent)",
				"it does not let this account's principals assume the role with MFA"}},
		{"another account too", allow(`{"AWS":["`+account+`","arn:aws:iam::111122223333:root"]}`, mfa),
			[]string{"it also trusts AWS arn:aws:iam::111122223333:root"}},
		{"anyone", allow(`"*"`, mfa),
			[]string{"it also trusts anyone (*)", "it does not let this account's principals assume the role with MFA"}},
		{"a service", allow(`{"Service":"ec2.amazonaws.com"}`, ""),
			[]string{"it also trusts Service ec2.amazonaws.com", "it does not require MFA",
				"it does not let this account's principals assume the role with MFA"}},
		{"an extra action", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"` + account +
			`"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":` + mfa + `}]}`,
			[]string{"it also allows sts:TagSession"}},
		{"a deny", `{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`,
			[]string{"it has a statement that is not a plain Allow", "it does not let this account's principals assume the role with MFA"}},
		{"not JSON", `{"Statement":`, []string{"it is not valid JSON"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := billing.TrustDifferences(tc.doc, "aws", account)
			if !slices.Equal(got, tc.want) {
				t.Errorf("differences\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
