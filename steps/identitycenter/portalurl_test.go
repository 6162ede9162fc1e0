package identitycenter_test

import (
	"context"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestPortalURLForms(t *testing.T) {
	const arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
	for _, tc := range []struct {
		inst identitycenter.Instance
		want string
	}{
		{identitycenter.Instance{ARN: arn, IdentityStoreID: "d-90677c7b8d", Region: "eu-west-1"}, "https://d-90677c7b8d.awsapps.com/start"},
		{identitycenter.Instance{ARN: "arn:aws-us-gov:sso:::instance/ssoins-1234567890abcdef", IdentityStoreID: "d-90677c7b8d"},
			"https://start.us-gov-home.awsapps.com/directory/d-90677c7b8d"},
		// A UUID identity store has no d- address; the dual-stack one names the instance.
		{identitycenter.Instance{ARN: arn, IdentityStoreID: "a1b2c3d4-0000-4000-8000-1234567890ab", Region: "eu-west-1"},
			"https://ssoins-1234567890abcdef.portal.eu-west-1.app.aws"},
		// A custom subdomain, which only the answers can tell.
		{identitycenter.Instance{ARN: arn, IdentityStoreID: "d-90677c7b8d", Portal: "https://example-corp.awsapps.com/start"},
			"https://example-corp.awsapps.com/start"},
	} {
		if got := tc.inst.PortalURL(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.inst, got, tc.want)
		}
	}
}

func TestValidatePortalURL(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://d-90677c7b8d.awsapps.com/start":                           true,
		"https://example-corp.awsapps.com/start/":                          true,
		"https://ssoins-7223c5fccd56e92b.portal.us-east-1.app.aws":         true,
		"https://ssoins-7223c5fccd56e92b.portal.ap-southeast-2.app.aws/":   true,
		"https://start.us-gov-home.awsapps.com/directory/d-90677c7b8d":     true,
		"http://example-corp.awsapps.com/start":                            false,
		"https://example-corp.awsapps.com/":                                false,
		"https://example.com/start":                                        false,
		"https://ssoins-7223c5fccd56e92b.portal.us-east-1.app.aws.evil.io": false,
		"example-corp": false,
	} {
		if err := identitycenter.ValidatePortalURL(url); (err == nil) != ok {
			t.Errorf("%s: %v, want ok %v", url, err, ok)
		}
	}
}

// The portal's address is the one AWS answers at: sign-in starts there for an instance
// whose identity store ID is a UUID, and at the custom subdomain the answers give.
func TestSignInStartsAtThePortalsRealAddress(t *testing.T) {
	for _, tc := range []struct {
		name      string
		uuid      bool
		subdomain string
	}{
		{"d- identity store", false, ""},
		{"UUID identity store", true, ""},
		{"custom subdomain", false, "example-corp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{UUIDIdentityStores: tc.uuid})
			if _, err := h.Sim.Console().EnableIdentityCenter("eu-west-1"); err != nil {
				t.Fatal(err)
			}
			env := h.Env.Base()
			env.Answers = &answers.Answers{IdentityCenter: answers.IdentityCenter{Region: "eu-west-1"}}
			if tc.subdomain != "" {
				if err := h.Sim.Console().CustomizePortalURL("eu-west-1", tc.subdomain); err != nil {
					t.Fatal(err)
				}
				env.Answers.IdentityCenter.PortalURL = "https://" + tc.subdomain + ".awsapps.com/start"
			}
			ctx := context.Background()
			inst, err := identitycenter.LoadInstance(ctx, env)
			if err != nil {
				t.Fatal(err)
			}
			if tc.subdomain != "" && inst.PortalURL() != env.Answers.IdentityCenter.PortalURL {
				t.Errorf("portal %s, want the answered %s", inst.PortalURL(), env.Answers.IdentityCenter.PortalURL)
			}
			if _, err := identitycenter.StartSignIn(ctx, env.AWS.SSOOIDC(inst.Region), inst.PortalURL(), env.Now()); err != nil {
				t.Errorf("sign-in at %s: %v", inst.PortalURL(), err)
			}
		})
	}
}

// An instance whose identity store ID is a UUID: the portal step shows its dual-stack
// address, the domain a firewall must allow for it, and signs in there.
func TestPortalStepAtTheDualStackAddress(t *testing.T) {
	h, inst := administered(t, simulator.Options{UUIDIdentityStores: true})
	if err := h.Env.Store.Record("admin-user", checkpoint.StepRecord{Outcome: checkpoint.Confirmed,
		Resources: map[string]string{"user_name": "jane.doe"}}); err != nil {
		t.Fatal(err)
	}
	url := "https://" + inst.ARN[strings.LastIndex(inst.ARN, "/")+1:] + ".portal.us-east-1.app.aws"
	run := h.RunStep("portal-sign-in")
	run.WaitFor("AWS access portal", url, "*.app.aws and *.signin.aws")
	run.Press("enter")
	run.WaitFor("Sign in as jane.doe", "Waiting for approval")
}
