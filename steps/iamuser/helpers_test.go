package iamuser_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/steps/steptest"
)

var keyGroup = regexp.MustCompile(`^[A-Z2-7]{4}$`)

// readSecret shows the device's key as text (s) and reads it off the screen, as an
// operator without a camera would type it into the app; s again brings the QR code back.
func readSecret(t *testing.T, run *steptest.Step) string {
	t.Helper()
	run.Press("s")
	run.WaitFor("Set-up key")
	var seed strings.Builder
	lines := strings.Split(run.Frame(), "\n")
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
	run.Press("s")
	run.WaitUntil(func(f string) bool { return !strings.Contains(f, "Set-up key") }, "the QR code again")
	if seed.Len() != 64 {
		t.Fatalf("read a %d-character key off the screen:\n%s", seed.Len(), run.Frame())
	}
	return seed.String()
}

// waitForText waits for phrases in the text beside the QR code: the drawing is taken out
// of the screen first, so a sentence wrapped in the right-hand column reads whole.
func waitForText(run *steptest.Step, phrases ...string) {
	run.WaitUntil(func(frame string) bool {
		text := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r == '█' || r == '▀' || r == '▄' {
				return ' '
			}
			return r
		}, frame)), " ")
		for _, p := range phrases {
			if !strings.Contains(text, p) {
				return false
			}
		}
		return true
	}, "the text "+strings.Join(phrases, " + "))
}

// codes are two consecutive codes of seed, the previous and the current one, as an
// authenticator app shows them.
func codes(t *testing.T, seed string) (string, string) {
	t.Helper()
	return codesAt(t, seed, time.Now())
}

// codesAt are the codes an app whose clock reads now shows: the previous and the current one.
func codesAt(t *testing.T, seed string, now time.Time) (string, string) {
	t.Helper()
	first, err := totp.GenerateCode(seed, now.Add(-30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	second, err := totp.GenerateCode(seed, now)
	if err != nil {
		t.Fatal(err)
	}
	return first, second
}

// typeCodes types the two codes and confirms them.
func typeCodes(run *steptest.Step, first, second string) {
	run.Type(first)
	run.Type(second)
	run.Press("enter")
}

var passwordLine = regexp.MustCompile(`Password\s+(\S+)`)

func readPassword(t *testing.T, frame string) string {
	t.Helper()
	m := passwordLine.FindStringSubmatch(frame)
	if m == nil {
		t.Fatalf("no password on the screen:\n%s", frame)
	}
	return m[1]
}

// calls counts the calls of an operation in the simulator's log.
func calls(h *steptest.Harness, op string) int {
	n := 0
	for _, c := range h.Sim.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

// devices lists the virtual MFA devices named after user, as AWS has them, through the
// real SDK: assigned ones and the ones enabled for nobody.
func devices(t *testing.T, h *steptest.Harness, user string) (assigned, unassigned []string) {
	t.Helper()
	pages := iam.NewListVirtualMFADevicesPaginator(h.Env.AWS.IAM, &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeAny})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.VirtualMFADevices {
			serial := aws.ToString(d.SerialNumber)
			if !strings.HasSuffix(serial, ":mfa/"+user) {
				continue
			}
			if d.User != nil {
				assigned = append(assigned, serial)
			} else {
				unassigned = append(unassigned, serial)
			}
		}
	}
	return assigned, unassigned
}

// requireOneEnabledDevice checks AWS for exactly one device for user, enabled for it,
// and none half made.
func requireOneEnabledDevice(t *testing.T, h *steptest.Harness, user string) {
	t.Helper()
	assigned, unassigned := devices(t, h, user)
	if len(assigned) != 1 || len(unassigned) != 0 {
		t.Errorf("%s's devices: assigned %v, unassigned %v; want one assigned and none unassigned", user, assigned, unassigned)
	}
	out, err := h.Env.AWS.IAM.ListMFADevices(context.Background(), &iam.ListMFADevicesInput{UserName: aws.String(user)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MFADevices) != 1 {
		t.Errorf("ListMFADevices(%s) = %d devices, want 1", user, len(out.MFADevices))
	}
}

// kill ends the program as a kill would, between two of its updates, and starts what
// the next run sees: the checkpoint reopened, nothing in memory.
func kill(h *steptest.Harness, run *steptest.Step) {
	run.Send(tea.QuitMsg{})
	run.Wait()
	h.Restart()
}

// requireNoSecretOnDisk reads every file under the given paths and fails if one holds
// any of the secrets.
func requireNoSecretOnDisk(t *testing.T, paths []string, secrets ...string) {
	t.Helper()
	files := 0
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			for _, s := range secrets {
				if s != "" && strings.Contains(string(data), s) {
					t.Errorf("%s holds a secret (%d characters)", path, len(s))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files == 0 {
		t.Fatal("no files to scan")
	}
}
