package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func TestUnknownCredentials(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	ctx := context.Background()
	for name, creds := range map[string]aws.Credentials{
		"unknown key":         {AccessKeyID: "AKIAUNKNOWNUNKNOWN00", SecretAccessKey: "x"},
		"wrong session token": {AccessKeyID: sim.Credentials().AccessKeyID, SecretAccessKey: "x", SessionToken: "forged"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := simtest.Config(t, simtest.Backend{URL: b.URL, Credentials: creds}, "us-east-1")
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			requireCode(t, err, "InvalidClientTokenId")
			_, err = organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			requireCode(t, err, "UnrecognizedClientException")
		})
	}
	for _, c := range sim.Calls() {
		if c.Account != "" {
			t.Errorf("a failed authentication was attributed to %s", c.Account)
		}
	}
}

func TestExpiredCredentials(t *testing.T) {
	for _, sc := range []simulator.Scenario{simulator.NewAccount, simulator.RootAccessKeys} {
		t.Run(string(sc), func(t *testing.T) {
			sim, cfg := start(t, simulator.Options{Scenario: sc})
			ctx := context.Background()
			if _, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
				t.Fatal(err)
			}
			sim.ExpireCredentials(sim.Credentials().AccessKeyID)
			_, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
			requireCode(t, err, "ExpiredToken")
			_, err = organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			requireCode(t, err, "ExpiredTokenException")
		})
	}
}
