package simulator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestGetCallerIdentity(t *testing.T) {
	for _, tc := range []struct {
		scenario       simulator.Scenario
		account        string
		arn, userID    string // userID "" means: starts with AIDA
		temporaryCreds bool
	}{
		{simulator.NewAccount, "412318265094", "arn:aws:iam::412318265094:root", "412318265094", true},
		{simulator.RootAccessKeys, "538214760931", "arn:aws:iam::538214760931:root", "538214760931", false},
		{simulator.IAMAdminCaller, "609174283512", "arn:aws:iam::609174283512:user/admin", "", false},
		{simulator.HalfSetUp, "725940381627", "arn:aws:iam::725940381627:root", "725940381627", true},
		{simulator.ExistingOrganization, "836104927351", "arn:aws:iam::836104927351:root", "836104927351", true},
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			sim, cfg := start(t, simulator.Options{Scenario: tc.scenario})
			creds := sim.Credentials()
			if got := creds.SessionToken != ""; got != tc.temporaryCreds {
				t.Errorf("session token present = %v, want %v", got, tc.temporaryCreds)
			}
			wantPrefix := map[bool]string{true: "ASIA", false: "AKIA"}[tc.temporaryCreds]
			if !strings.HasPrefix(creds.AccessKeyID, wantPrefix) {
				t.Errorf("access key ID %s, want prefix %s", creds.AccessKeyID, wantPrefix)
			}

			out, err := sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			if err != nil {
				t.Fatal(err)
			}
			if aws.ToString(out.Account) != tc.account || aws.ToString(out.Arn) != tc.arn {
				t.Errorf("got %s %s, want %s %s", aws.ToString(out.Account), aws.ToString(out.Arn), tc.account, tc.arn)
			}
			if tc.userID == "" {
				if !strings.HasPrefix(aws.ToString(out.UserId), "AIDA") {
					t.Errorf("UserId %s, want an IAM user ID", aws.ToString(out.UserId))
				}
			} else if aws.ToString(out.UserId) != tc.userID {
				t.Errorf("UserId %s, want %s", aws.ToString(out.UserId), tc.userID)
			}
			if sim.AccountID() != tc.account {
				t.Errorf("AccountID() = %s", sim.AccountID())
			}
		})
	}
}
