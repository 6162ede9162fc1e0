package answers_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/assets"
)

func TestParseRefusesAMalformedFileWithLineKeyAndReason(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"empty", "", "a.yaml:1: the answers file has no answers; firstrun help answers prints an example"},
		{"only comments", "# nothing yet\n", "a.yaml:1: the answers file has no answers; firstrun help answers prints an example"},
		{"no version", "region: us-east-1\n", "a.yaml:1: version: missing; add version: 1 at the top"},
		{"newer version", "# a comment\nversion: 2\n", "a.yaml:2: version: 2 is not a format this firstrun reads (it reads version 1)"},
		{"version not a number", "version: one\n", `a.yaml:1: version: expected a whole number, got "one"`},
		{"unknown key", "version: 1\nregoin: us-east-1\n", "a.yaml:2: regoin: not a key firstrun knows; the top level has version, region, contacts,"},
		{"unknown nested key", "version: 1\nadmin_user:\n  emial: jane@example.com\n",
			"a.yaml:3: admin_user.emial: not a key firstrun knows; admin_user has user_name, email, given_name, family_name, display_name"},
		{"duplicate key", "version: 1\nregion: us-east-1\nregion: eu-west-1\n", "a.yaml:3: region: given twice (first on line 2)"},
		{"text for a number", "version: 1\npassword_policy:\n  minimum_length: abc\n",
			`a.yaml:3: password_policy.minimum_length: expected a whole number, got "abc"`},
		{"fraction for a number", "version: 1\npassword_policy:\n  minimum_length: 14.5\n",
			`a.yaml:3: password_policy.minimum_length: expected a whole number, got "14.5"`},
		{"too large a number", "version: 1\npassword_policy:\n  minimum_length: 9223372036854775808\n",
			"a.yaml:3: password_policy.minimum_length: the number 9223372036854775808 is too large"},
		{"yes for a boolean", "version: 1\nbudget:\n  enabled: yes\n", `a.yaml:3: budget.enabled: expected true or false, got "yes"`},
		{"list for a value", "version: 1\nregion: [us-east-1, eu-west-1]\n", "a.yaml:2: region: expected a single value, got a list"},
		{"value for a section", "version: 1\ncontacts: Jane\n", `a.yaml:2: contacts: expected a section of keys and values, got "Jane"`},
		{"list at the top", "- version: 1\n", "a.yaml:1: expected keys and values, such as version: 1, got a list"},
		{"tab", "version: 1\nadmin_user:\n\tuser_name: jane\n", "a.yaml:3: a tab character: YAML indents with spaces only"},
		{"invalid YAML", "version: 1\nadmin_user: {user_name: jane\n", "a.yaml:2: not valid YAML: "},
		{"two documents", "version: 1\n---\nversion: 1\n", "a.yaml:3: a second YAML document (after ---): an answers file holds one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := answers.Parse("a.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("accepted: %+v", f.Answers)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n got: %s\nwant: %s...", err, tc.want)
			}
			if strings.Contains(err.Error(), "Go struct") || strings.Contains(err.Error(), "\n") {
				t.Errorf("not one plain line: %q", err)
			}
		})
	}
}

func TestParseReportsEveryProblemInTheFileNotJustTheFirst(t *testing.T) {
	_, err := answers.Parse("a.yaml", []byte("version: 1\nregoin: x\nbudget:\n  enabled: maybe\n  amount: 100\nbilling_role: [Billing]\n"))
	var es answers.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not answers.Errors", err)
	}
	var lines []int
	for _, e := range es {
		lines = append(lines, e.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 4, 6}) {
		t.Errorf("problems on lines %v, want 2, 4, 6:\n%v", lines, err)
	}
}

func TestParseDecodesAndLocatesEveryValue(t *testing.T) {
	f, err := answers.Parse("a.yaml", []byte(`version: 1
region: eu-west-1
budget:
  enabled: true
  amount: 100 # a number where text is expected is taken as typed
admin_user:
  email: jane@example.com
password_policy:
  minimum_length: 16
admin_group:  # left empty: not answered
`))
	if err != nil {
		t.Fatal(err)
	}
	a := f.Answers
	if a.Region != "eu-west-1" || !answers.True(a.Budget.Enabled) || a.Budget.Amount != "100" ||
		a.AdminUser.Email != "jane@example.com" || a.PasswordPolicy.MinimumLength != 16 || a.AdminGroup.Name != "" {
		t.Errorf("decoded %+v", a)
	}
	if answers.True(a.PasswordPolicy.Apply) || answers.False(a.PasswordPolicy.Apply) {
		t.Error("an absent yes/no answer reads as given")
	}
	for key, line := range map[string]int{"region": 2, "budget.amount": 5, "admin_user.email": 7, "password_policy.minimum_length": 9, "report.path": 0} {
		if got := f.Line(key); got != line {
			t.Errorf("Line(%q) = %d, want %d", key, got, line)
		}
	}
	err = f.Check([]answers.Problem{{Key: "admin_user.email", Err: errors.New("not allowed")}, {Key: "report.path", Err: errors.New("missing")}})
	if want := "a.yaml:7: admin_user.email: not allowed\na.yaml: report.path: missing"; err == nil || err.Error() != want {
		t.Errorf("Check = %v, want %s", err, want)
	}
	if err := f.Check(nil); err != nil {
		t.Errorf("Check(nil) = %v", err)
	}
}

func TestLoadNamesTheFileItCannotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.yaml")
	_, err := answers.Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": cannot read the answers file: ") {
		t.Errorf("Load = %v", err)
	}
}

// The example must stay complete: every key the format has, so it documents them all.
func TestTheExampleHasEveryKey(t *testing.T) {
	f, err := answers.Parse("answers.example.yaml", []byte(assets.AnswersExample()))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range leafKeys(reflect.TypeFor[answers.Answers](), "") {
		if f.Line(key) == 0 {
			t.Errorf("the example lacks %s", key)
		}
	}
}

func leafKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		key := name
		if prefix != "" {
			key = prefix + "." + name
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			keys = append(keys, leafKeys(ft, key)...)
		} else {
			keys = append(keys, key)
		}
	}
	return keys
}
