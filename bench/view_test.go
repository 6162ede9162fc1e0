package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui"
)

// sizes are the windows the screens are drawn in: the smallest supported, where the
// progress rail is a line, and a common one, where the rail stands beside the body.
var sizes = [][2]int{{80, 24}, {120, 40}}

// BenchmarkViewMFAQRCode draws the root model on the virtual MFA screen of an IAM user:
// the progress rail and a QR code drawn in the terminal. Target: under 16 ms a frame.
func BenchmarkViewMFAQRCode(b *testing.B) {
	for _, size := range sizes {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			h := steptest.New(b, simulator.Options{})
			addUsers(b, h, 1, false)
			m := showing(b, h, "iam-users-mfa", size, []string{"Of those, without MFA"}, []string{"What will change"}, []string{"MFA for user00"})
			benchmarkView(b, m)
		})
	}
}

// BenchmarkViewFindingsTable draws the root model on the credential report's findings
// for an account of 40 IAM users, each with a console password but no MFA and an access
// key never used.
func BenchmarkViewFindingsTable(b *testing.B) {
	for _, size := range sizes {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			h := steptest.New(b, simulator.Options{})
			addUsers(b, h, 40, true)
			m := showing(b, h, "credential-report", size, []string{"Covers the root user and 40 IAM users", "Findings"})
			benchmarkView(b, m)
		})
	}
}

func benchmarkView(b *testing.B, m tea.Model) {
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// addUsers adds IAM users with console passwords, and with access keys if keys is set.
func addUsers(b *testing.B, h *steptest.Harness, n int, keys bool) {
	b.Helper()
	ctx := context.Background()
	client := iam.NewFromConfig(simtest.Config(b, simtest.Backend{URL: h.Sim.URL(), Credentials: h.Sim.Credentials()}, "us-east-1"))
	for i := range n {
		name := aws.String(fmt.Sprintf("user%02d", i))
		_, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: name})
		if err == nil {
			_, err = client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: name,
				Password: aws.String("correct-Horse-battery-9-staple")})
		}
		if err == nil && keys {
			_, err = client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: name})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// showing runs the root model over the whole sequence in a window of size, with every
// step before id saved as skipped, resumes at id, waits for each text group in turn
// (pressing enter between them) and returns the model as it then stands.
func showing(b *testing.B, h *steptest.Harness, id step.ID, size [2]int, texts ...[]string) tea.Model {
	b.Helper()
	for _, d := range h.Env.Sequence {
		if d.ID == id {
			break
		}
		if err := h.Env.Store.Record(string(d.ID), checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "benchmark"}); err != nil {
			b.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(h.Env.Ctx)
	env := *h.Env
	env.Ctx = ctx
	p := steptest.Run(b, ui.New(&env, cancel), size[0], size[1])
	p.WaitFor("Resume at")
	p.Press("enter")
	for i, group := range texts {
		if i > 0 {
			p.Press("enter")
		}
		p.WaitFor(group...)
	}
	return p.Stop()
}

// BenchmarkKeypressToFrame is the work between a keypress and its frame on the MFA QR
// screen: Update with "?" (help on, then off) and View. AWS calls run in commands, never
// in Update, so this is all a keypress waits for.
func BenchmarkKeypressToFrame(b *testing.B) {
	h := steptest.New(b, simulator.Options{})
	addUsers(b, h, 1, false)
	m := showing(b, h, "iam-users-mfa", sizes[0], []string{"Of those, without MFA"}, []string{"What will change"}, []string{"MFA for user00"})
	help := steptest.Key("?")
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(help)
		_ = m.View()
	}
}
