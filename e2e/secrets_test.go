//go:build !windows

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// secrets are the secret values of a run, each with what it is: the scan's oracle.
type secrets struct {
	mu     sync.Mutex
	values map[string]string
}

func (s *secrets) add(what, v string) {
	if v == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values == nil {
		s.values = map[string]string{}
	}
	if _, ok := s.values[v]; !ok {
		s.values[v] = what
	}
}

func (s *secrets) all() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.values))
	for v, what := range s.values {
		out[v] = what
	}
	return out
}

// Where AWS's protocols carry secrets, by protocol.
var (
	formSecrets = []string{"Password", "NewPassword", "OldPassword", "AuthenticationCode1", "AuthenticationCode2"}
	jsonSecrets = map[string]bool{"clientsecret": true, "devicecode": true, "usercode": true, "accesstoken": true,
		"refreshtoken": true, "idtoken": true, "secretaccesskey": true, "sessiontoken": true}
	xmlSecret = regexp.MustCompile(`<(SecretAccessKey|SessionToken|Base32StringSeed|QRCodePNG)>([^<]+)</`)
)

// hear takes from one exchange on the wire every secret it carries, by reading each
// protocol as it is (a form, JSON, XML, headers), not by the debug log's redaction rules.
func (s *secrets) hear(x exchange) {
	s.add("a session token (header)", x.Request.Header.Get("X-Amz-Security-Token"))
	s.add("a portal access token (header)", x.Request.Header.Get("X-Amz-Sso_bearer_token"))
	if form, err := url.ParseQuery(string(x.ReqBody)); err == nil {
		for _, k := range formSecrets {
			s.add(k+" of "+x.Op, form.Get(k))
		}
	}
	for _, body := range [][]byte{x.ReqBody, x.RespBody} {
		var doc any
		if json.Unmarshal(body, &doc) == nil {
			s.walkJSON(x.Op, doc)
		}
	}
	for _, m := range xmlSecret.FindAllSubmatch(x.RespBody, -1) {
		s.add(string(m[1])+" of "+x.Op, string(m[2]))
		if string(m[1]) == "Base32StringSeed" { // a blob: Base64 of the seed's text
			seed, _ := base64.StdEncoding.DecodeString(string(m[2]))
			s.add("the MFA seed", string(seed))
		}
	}
}

func (s *secrets) walkJSON(op string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, inner := range v {
			if str, ok := inner.(string); ok && jsonSecrets[strings.ToLower(k)] {
				s.add(k+" of "+op, str)
			}
			s.walkJSON(op, inner)
		}
	case []any:
		for _, inner := range v {
			s.walkJSON(op, inner)
		}
	}
}

// forms are the ways a secret can be written down: as it is, escaped for a URL or JSON,
// or in Base64.
func forms(secret string) []string {
	quoted, _ := json.Marshal(secret)
	out := []string{secret, strings.Trim(string(quoted), `"`), strings.ReplaceAll(secret, "/", `\/`), url.QueryEscape(secret)}
	if len(secret) >= 16 {
		out = append(out, base64.StdEncoding.EncodeToString([]byte(secret)), base64.RawStdEncoding.EncodeToString([]byte(secret)))
	}
	return out
}

// leaks lists every file under roots that holds one of the secrets, in any of its forms.
// A short secret (an MFA code) counts only standing alone, not inside a longer number.
func leaks(t *testing.T, roots []string, secrets map[string]string) []string {
	t.Helper()
	var found []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			text := string(data)
			for secret, what := range secrets {
				for _, form := range forms(secret) {
					if holds(text, form, len(secret) < 16) {
						found = append(found, fmt.Sprintf("%s holds %s", path, what))
						break
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(found)
	return found
}

func holds(text, form string, alone bool) bool {
	if !alone {
		return strings.Contains(text, form)
	}
	return regexp.MustCompile(`(^|[^0-9A-Za-z])` + regexp.QuoteMeta(form) + `($|[^0-9A-Za-z])`).MatchString(text)
}

// files lists every file under roots, for the record of what was scanned.
func files(t *testing.T, roots ...string) []string {
	t.Helper()
	var out []string
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				out = append(out, path)
			}
			return err
		})
	}
	return out
}

var (
	keyGroup     = regexp.MustCompile(`^[A-Z2-7]{4}$`)
	passwordLine = regexp.MustCompile(`Password\s+(\S+)`)
)

// readSeed shows the new device's key as text (s) and reads it off the screen, as an
// operator without a camera would.
func readSeed(t *testing.T, tm *terminal) string {
	t.Helper()
	tm.Send("s")
	tm.WaitFor("Set-up key")
	var seed strings.Builder
	lines := strings.Split(tm.Screen(), "\n")
	for i, l := range lines {
		if !strings.Contains(l, "Set-up key") {
			continue
		}
		for _, l := range lines[i+1:] {
			for _, f := range strings.Fields(l) {
				if keyGroup.MatchString(f) && seed.Len() < 64 {
					seed.WriteString(f)
				}
			}
		}
	}
	if seed.Len() != 64 {
		t.Fatalf("read a %d-character key off the screen:\n%s", seed.Len(), tm.Screen())
	}
	return seed.String()
}

// TestNoSecretReachesADisk runs the whole wizard in a terminal, as an operator would, on a
// new account: the root user's session (a secret key and a session token), the emergency
// administrator (an MFA seed, two MFA codes, a generated password), the first sign-in
// (an OIDC client secret, a device code, an access token) and the AWS CLI profile, with
// --debug and the SDK's request and response dumps on. Every secret is taken off the wire
// between firstrun and the simulated account, and off the screen; then every file the run
// wrote (the state directory with the checkpoint and the simulated account's state file,
// the report, the debug log, ~/.aws/config and its backup) is searched for each of them.
func TestNoSecretReachesADisk(t *testing.T) {
	state, home, work := t.TempDir(), t.TempDir(), t.TempDir()
	sim, b := simtest.Start(t, simulator.Options{StateFile: filepath.Join(state, "simulated-account.json")})
	var heard secrets
	heard.add("the caller's secret access key", b.Credentials.SecretAccessKey)
	heard.add("the caller's session token", b.Credentials.SessionToken)
	w := &wire{heard: heard.hear}
	startWire(t, b.URL, w)

	config := filepath.Join(home, ".aws", "config")
	if err := os.MkdirAll(filepath.Dir(config), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, []byte("[profile existing]\nregion = eu-west-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	debugLog := filepath.Join(work, "firstrun-debug.log")
	env := []string{
		"HOME=" + home, "FIRSTRUN_STATE_DIR=" + state, "FIRSTRUN_DEBUG_HTTP=1",
		"AWS_ENDPOINT_URL=" + w.URL, "AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_ACCESS_KEY_ID=" + b.Credentials.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + b.Credentials.SecretAccessKey,
		"AWS_SESSION_TOKEN=" + b.Credentials.SessionToken,
		"AWS_CONFIG_FILE=" + config, "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, ".aws", "credentials"),
	}
	console := sim.Console()
	tm := startIn(t, work, env, "--debug", debugLog)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	enter := func() { tm.Send("\r") }
	typeIn := func(text string) { tm.Send(text + "\r") }
	var seed, password string
	var codes [2]string
	// drivers take each step to its end as an operator on a real account would: console
	// work is done here, on the simulated account's console, then checked (c) or confirmed
	// (enter) on the screen.
	drivers := map[step.ID]func(){
		"connect": func() { tm.WaitFor("Acting as"); enter() },
		"contacts": func() {
			tm.WaitFor("Do the root user's email")
			enter()
			tm.WaitFor("Billing contact: who AWS writes to")
			tm.Send("\x1b") // no alternate contacts today
			tm.WaitFor("You left the form")
			tm.Send("s")
		},
		"root-mfa":         func() { tm.WaitFor("Waiting for AWS to show it"); must(console.EnableRootMFA()); tm.Send("c") },
		"root-password":    func() { tm.WaitFor("AWS offers no way to check"); must(console.ChangeRootPassword()); enter() },
		"root-access-keys": func() { tm.WaitFor("Root access keys none"); enter() },
		"billing-access":   func() { tm.WaitFor("Select Activate IAM Access"); must(console.ActivateIAMBillingAccess()); enter() },
		"billing-role":     func() { tm.WaitFor("Role name"); enter(); tm.WaitFor("What will change"); enter() },
		"budget":           func() { tm.WaitFor("Set up a monthly budget alert?"); enter() },
		"organization":     func() { tm.WaitFor("Create the organization?"); enter(); tm.WaitFor("What will change"); enter() },
		"identity-center": func() {
			tm.WaitFor("Identity Center Region")
			enter()
			tm.WaitFor("Waiting for AWS to show it")
			_, err := console.EnableIdentityCenter("us-east-1")
			must(err)
			tm.Send("c")
		},
		"identity-source": func() {
			tm.WaitFor("Where will your people")
			enter()
			tm.WaitFor("firstrun records your choice")
			enter()
		},
		"ic-mfa": func() {
			tm.WaitFor("AWS offers no way to check")
			must(console.RequireIdentityCenterMFA("us-east-1"))
			enter()
		},
		"admin-user": func() {
			tm.WaitFor("┃ User name")
			for _, f := range []struct{ focus, value string }{{"", "jane.doe"}, {"┃ Email", "jane@example.com"},
				{"┃ Email again", "jane@example.com"}, {"┃ First name", "Jane"}, {"┃ Last name", "Doe"}, {"┃ Display name", ""}} {
				if f.focus != "" {
					tm.WaitFor(f.focus)
				}
				typeIn(f.value)
			}
			tm.WaitFor("What will change")
			enter()
			tm.WaitFor("Do one of the following in the console")
			must(console.InviteIdentityCenterUser("us-east-1", "jane.doe"))
			enter()
		},
		"admin-group":          func() { tm.WaitFor("┃ Group name"); enter(); tm.WaitFor("What will change"); enter() },
		"admin-permission-set": func() { tm.WaitFor("┃ Session duration"); enter(); tm.WaitFor("What will change"); enter() },
		"admin-assignment":     func() { tm.WaitFor("What will change"); enter() },
		"portal-sign-in": func() {
			tm.WaitFor("Press enter to prove it works")
			enter()
			tm.WaitFor("Waiting for approval")
			must(console.ApproveDeviceSignIn("us-east-1", "jane.doe"))
			tm.WaitFor("┃ AWS CLI profile name")
			enter()
			tm.WaitFor("Write this to " + config + "?")
			enter()
		},
		"least-privilege": func() {
			tm.WaitFor("Permission set for daily work")
			enter()
			tm.WaitFor("┃ Session duration")
			enter()
			tm.WaitFor("What will change")
			enter()
		},
		"emergency-admin": func() {
			tm.WaitFor("Create an emergency administrator?")
			tm.Send("y")
			tm.WaitFor("┃ User name")
			enter()
			tm.WaitFor("What will change", "enter set up the user")
			enter()
			tm.WaitFor("MFA for emergency-admin", "First code")
			seed = readSeed(t, tm)
			now := time.Now()
			var err error
			codes[0], err = totp.GenerateCode(seed, now.Add(-30*time.Second))
			must(err)
			codes[1], err = totp.GenerateCode(seed, now)
			must(err)
			for i, label := range []string{"First code ", "Second code "} {
				for n := range len(codes[i]) { // a key at a time, as fingers type
					tm.Send(codes[i][n : n+1])
					tm.WaitFor(label + codes[i][:n+1])
				}
			}
			enter()
			tm.WaitFor("Console password for emergency-admin", "never saves it")
			m := passwordLine.FindStringSubmatch(tm.Screen())
			if m == nil {
				t.Fatalf("no password on the screen:\n%s", tm.Screen())
			}
			password = m[1]
			enter()
		},
		"iam-users-mfa":     func() { tm.WaitFor("Of those, without MFA", "Already in place"); enter() },
		"password-policy":   func() { tm.WaitFor("Minimum password length"); enter(); tm.WaitFor("What will change"); enter() },
		"credential-report": func() { tm.WaitFor("What will change"); enter(); tm.WaitFor("Findings"); enter() },
		"remove-root-keys":  func() { tm.WaitFor("Root access keys none"); enter() },
		"summary": func() {
			tm.WaitFor("Press e to save")
			tm.Send("e")
			tm.WaitFor("Save the report as")
			enter()
			tm.WaitFor("Report saved:")
			enter()
		},
	}
	seq := steps.Sequence()
	tm.WaitFor("Welcome")
	enter()
	for i, d := range seq {
		if !d.Available() {
			continue
		}
		tm.WaitFor(d.Title, fmt.Sprintf("step %d of %d", i+1, len(seq)))
		if drive, ok := drivers[d.ID]; ok {
			drive()
			continue
		}
		// A step that only asks to confirm its changes, as most API steps do.
		tm.WaitFor("What will change")
		enter()
	}
	if code := tm.Exit(); code != 0 {
		t.Fatalf("exit code %d; output:\n%s", code, tm.Output())
	}

	// The run did what the scan needs: it made and saw every kind of secret.
	doc, err := checkpoint.Read(checkpoint.Path(state, sim.AccountID()))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"emergency-admin", "portal-sign-in", "summary"} {
		if o := doc.Steps[id].Outcome; !o.Final() || o == checkpoint.Skipped {
			t.Fatalf("step %s ended %q", id, o)
		}
	}
	heard.add("the MFA seed (read off the screen)", seed)
	heard.add("the emergency administrator's password (read off the screen)", password)
	heard.add("the first MFA code typed", codes[0])
	heard.add("the second MFA code typed", codes[1])
	found := heard.all()
	for _, what := range []string{"the MFA seed", "Password of CreateLoginProfile", "AuthenticationCode1 of EnableMFADevice",
		"clientSecret of POST /client/register", "deviceCode of POST /device_authorization", "accessToken of POST /token"} {
		if !slices.Contains(slices.Collect(maps.Values(found)), what) {
			t.Errorf("the wire never carried %s; found %v", what, slices.Sorted(maps.Values(found)))
		}
	}
	if found[seed] != "the MFA seed" || found[password] != "Password of CreateLoginProfile" ||
		found[codes[0]] != "AuthenticationCode1 of EnableMFADevice" || found[codes[1]] != "AuthenticationCode2 of EnableMFADevice" {
		t.Errorf("what the screen showed and the operator typed is not what went to AWS: seed %q, password %q, codes %q and %q",
			found[seed], found[password], found[codes[0]], found[codes[1]])
	}

	// Everything written: the state directory (checkpoint, lock, simulated account), the
	// report (the working directory), the debug log, ~/.aws/config and its backup.
	written := files(t, state, home, work)
	for _, want := range []string{
		checkpoint.Path(state, sim.AccountID()), filepath.Join(state, "simulated-account.json"), debugLog, config,
		config + ".firstrun-backup-*", filepath.Join(work, "firstrun-report-"+sim.AccountID()+"-*.md"),
		filepath.Join(work, "firstrun-report-"+sim.AccountID()+"-*.json"),
	} {
		if !slices.ContainsFunc(written, func(p string) bool { ok, _ := filepath.Match(want, p); return ok }) {
			t.Errorf("the run did not write %s; it wrote %v", want, written)
		}
	}
	if strings.Contains(tm.Output(), "aws call") {
		t.Error("the debug log reached the terminal")
	}
	log, _ := os.ReadFile(debugLog)
	for _, want := range []string{"operation=CreateVirtualMFADevice", "Action=CreateLoginProfile", "POST /token",
		"step saved\" step=emergency-admin"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the debug log has no %q: the scan would prove little", want)
		}
	}
	t.Logf("scanning %d files (the debug log %d bytes, %d values redacted) for %d secrets",
		len(written), len(log), strings.Count(string(log), "[redacted]"), len(found))
	if bad := leaks(t, []string{state, home, work}, found); len(bad) > 0 {
		t.Errorf("secrets on disk:\n%s", strings.Join(bad, "\n"))
	}

	// The scanner finds a secret when there is one, in each form and place it looks.
	planted := t.TempDir()
	must(os.MkdirAll(filepath.Join(planted, "deep", "er"), 0o700))
	must(os.WriteFile(filepath.Join(planted, "deep", "er", "seed.txt"), []byte("key="+seed+"\n"), 0o600))
	must(os.WriteFile(filepath.Join(planted, "password.log"), []byte("body: Password="+url.QueryEscape(password)+"&x=1"), 0o600))
	must(os.WriteFile(filepath.Join(planted, "code.json"), []byte(`{"code":"`+codes[1]+`"}`), 0o600))
	must(os.WriteFile(filepath.Join(planted, "number.txt"), []byte("x1"+codes[0]+"9"), 0o600))
	want := []string{
		filepath.Join(planted, "code.json") + " holds AuthenticationCode2 of EnableMFADevice",
		filepath.Join(planted, "deep", "er", "seed.txt") + " holds the MFA seed",
		filepath.Join(planted, "password.log") + " holds Password of CreateLoginProfile",
	}
	if got := leaks(t, []string{planted}, found); !slices.Equal(got, want) {
		t.Errorf("the scanner found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
