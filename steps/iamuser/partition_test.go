package iamuser

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient"
)

// MFA serial numbers and the AdministratorAccess ARN follow the caller's partition: in
// GovCloud or China they are not "arn:aws:".
func TestARNsFollowTheCallersPartition(t *testing.T) {
	gov := awsclient.Identity{Account: "123456789012", ARN: "arn:aws-us-gov:iam::123456789012:root"}
	if got := deviceSerial(gov, "alice"); got != "arn:aws-us-gov:iam::123456789012:mfa/alice" {
		t.Errorf("serial %s", got)
	}
	if got := deviceSerial(awsclient.Identity{Account: "123456789012"}, "alice"); got != "arn:aws:iam::123456789012:mfa/alice" {
		t.Errorf("serial without a partition %s", got)
	}
	changes := AdminState{UserName: "break-glass"}.Changes(gov.Partition())
	var attach string
	for _, c := range changes {
		if c.Operation == "AttachUserPolicy" {
			attach = c.String()
		}
	}
	if attach != "iam:AttachUserPolicy user break-glass PolicyArn=arn:aws-us-gov:iam::aws:policy/AdministratorAccess" {
		t.Errorf("attach %q", attach)
	}
	for arn, want := range map[string]bool{
		"arn:aws:iam::aws:policy/AdministratorAccess":          true,
		"arn:aws-us-gov:iam::aws:policy/AdministratorAccess":   true,
		"arn:aws-cn:iam::aws:policy/AdministratorAccess":       true,
		"arn:aws:iam::123456789012:policy/AdministratorAccess": false, // a customer's policy of the same name
		"arn:aws:iam::aws:policy/job-function/Billing":         false,
	} {
		if got := isAdministratorAccess(arn); got != want {
			t.Errorf("isAdministratorAccess(%s) = %v", arn, got)
		}
	}
}
