package awsclient_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func opErr(service, op string, err error) error {
	return &smithy.OperationError{ServiceID: service, OperationName: op, Err: err}
}

func TestClassificationMatchesTypedAndGenericErrors(t *testing.T) {
	for _, tc := range []struct {
		err  error
		kind awsclient.Kind
		op   string
	}{
		{opErr("IAM", "CreateRole", &iamtypes.EntityAlreadyExistsException{}), awsclient.KindAlreadyExists, "iam:CreateRole"},
		{opErr("IAM", "GetRole", &smithy.GenericAPIError{Code: "NoSuchEntity"}), awsclient.KindNotFound, "iam:GetRole"},
		{opErr("SSO Admin", "ListInstances", &smithy.GenericAPIError{Code: "AccessDeniedException"}), awsclient.KindAccessDenied, "sso:ListInstances"},
		{opErr("Organizations", "CreateOrganization", &smithy.GenericAPIError{Code: "TooManyRequestsException"}), awsclient.KindThrottled, "organizations:CreateOrganization"},
		{opErr("STS", "GetCallerIdentity", &smithy.GenericAPIError{Code: "ExpiredToken"}), awsclient.KindExpiredCredentials, "sts:GetCallerIdentity"},
		{opErr("STS", "GetCallerIdentity", &smithy.GenericAPIError{Code: "InvalidClientTokenId"}), awsclient.KindBadCredentials, "sts:GetCallerIdentity"},
		{opErr("IAM", "CreateUser", &smithy.GenericAPIError{Code: "ServiceFailure", Fault: smithy.FaultServer}), awsclient.KindServerError, "iam:CreateUser"},
		{opErr("IAM", "CreateUser", &smithy.GenericAPIError{Code: "ValidationError", Fault: smithy.FaultClient}), awsclient.KindInvalidInput, "iam:CreateUser"},
		{opErr("AccessAnalyzer", "ListAnalyzers", &smithy.GenericAPIError{Code: "InvalidSignatureException"}), awsclient.KindBadCredentials, "access-analyzer:ListAnalyzers"},
		{opErr("SSO", "GetRoleCredentials", &smithy.GenericAPIError{Code: "UnauthorizedException"}), awsclient.KindBadCredentials, "sso:GetRoleCredentials"},
		{opErr("Organizations", "EnableAWSServiceAccess", &smithy.GenericAPIError{Code: "ConcurrentModificationException"}), awsclient.KindConcurrentWrite, "organizations:EnableAWSServiceAccess"},
		{opErr("IAM", "UpdateAccountPasswordPolicy", &smithy.GenericAPIError{Code: "ConcurrentModification"}), awsclient.KindConcurrentWrite, "iam:UpdateAccountPasswordPolicy"},
		{opErr("AccessAnalyzer", "CreateAnalyzer", &smithy.GenericAPIError{Code: "ConflictException"}), awsclient.KindAlreadyExists, "access-analyzer:CreateAnalyzer"},
		{fmt.Errorf("%w: nothing configured", awsclient.ErrNoCredentials), awsclient.KindNoCredentials, ""},
		{opErr("IAM", "CreateUser", context.Canceled), awsclient.KindCanceled, "iam:CreateUser"},
	} {
		p := awsclient.Explain(tc.err)
		if p.Kind != tc.kind || p.Operation != tc.op || p.Fix == "" {
			t.Errorf("%v: kind %v op %q fix %q; want kind %v op %q", tc.err, p.Kind, p.Operation, p.Fix, tc.kind, tc.op)
		}
		if !errors.Is(p, tc.err) {
			t.Errorf("%v: the Problem does not wrap the error", tc.err)
		}
	}
}

func TestAccessDeniedNamesTheMissingActionFromAWSsMessage(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if err := sim.Faults().Add(simulator.Fault{Target: "iam:GetAccountSummary", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	api := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	_, err := api.GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	p := awsclient.Explain(err)
	if p.Kind != awsclient.KindAccessDenied || p.Action != "iam:GetAccountSummary" {
		t.Fatalf("kind %v action %q", p.Kind, p.Action)
	}
	want := "iam:GetAccountSummary failed: AccessDenied: User: arn:aws:iam::"
	if s := p.Summary(); len(s) < len(want) || s[:len(want)] != want {
		t.Errorf("summary = %q", s)
	}
}

func TestAccessDeniedNamesTheCaller(t *testing.T) {
	const user = "arn:aws:sts::123456789012:assumed-role/Admin/jane"
	named := awsclient.Explain(opErr("SSO Admin", "ListInstances", &smithy.GenericAPIError{Code: "AccessDeniedException",
		Message: "User: " + user + " is not authorized to perform: sso:ListInstances on resource: *"}))
	if named.Caller != user || !strings.Contains(named.Fix, "allow sso:ListInstances to "+user) {
		t.Errorf("from AWS's message: caller %q, fix %q", named.Caller, named.Fix)
	}
	if again := named.WithCaller("arn:aws:iam::123456789012:root"); again.Caller != user {
		t.Errorf("WithCaller replaced the caller AWS named with %q", again.Caller)
	}

	// Organizations names nobody: the caller comes from who firstrun runs as.
	anonymous := awsclient.Explain(opErr("Organizations", "CreateOrganization", &smithy.GenericAPIError{
		Code: "AccessDeniedException", Message: "You don't have permissions to access this resource."}))
	if anonymous.Caller != "" {
		t.Errorf("caller %q from a message that names none", anonymous.Caller)
	}
	p := anonymous.WithCaller(user)
	if p.Caller != user || !strings.Contains(p.Fix, "allow organizations:CreateOrganization to "+user) {
		t.Errorf("with the caller: %q, fix %q", p.Caller, p.Fix)
	}
	if other := awsclient.Explain(opErr("IAM", "GetRole", &smithy.GenericAPIError{Code: "NoSuchEntity"})).WithCaller(user); other.Caller != "" {
		t.Errorf("a caller on a problem other than access denied: %q", other.Caller)
	}
}
