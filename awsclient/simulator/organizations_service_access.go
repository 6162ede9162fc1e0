package simulator

import (
	"regexp"
	"slices"
)

// orgServiceAccessOperations are Organizations' trusted access: the AWS
// services allowed to work across the organization. IAM Access Analyzer
// needs it before an organization analyzer can be created.
func orgServiceAccessOperations() []operation {
	return []operation{
		write("EnableAWSServiceAccess", orgEnableAWSServiceAccess),
	}
}

// servicePrincipalRE is the model's ServicePrincipal pattern.
var servicePrincipalRE = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)

// trustedAccessServices are the service principals the simulator knows to
// support trusted access; Organizations refuses others.
var trustedAccessServices = []string{
	"access-analyzer.amazonaws.com",
	"account.amazonaws.com",
	"cloudtrail.amazonaws.com",
	"config.amazonaws.com",
	"guardduty.amazonaws.com",
	"iam.amazonaws.com",
	"securityhub.amazonaws.com",
	"sso.amazonaws.com",
}

func orgEnableAWSServiceAccess(r *request) (any, error) {
	var in struct {
		ServicePrincipal string `json:"ServicePrincipal"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	switch {
	case in.ServicePrincipal == "":
		return nil, r.svc.errs.validation.with("You must specify a service principal.").field("Reason", "INPUT_REQUIRED")
	case !servicePrincipalRE.MatchString(in.ServicePrincipal):
		return nil, r.svc.errs.validation.with("The service principal %q is not valid.", in.ServicePrincipal).field("Reason", "INVALID_PATTERN")
	case !slices.Contains(trustedAccessServices, in.ServicePrincipal):
		return nil, r.svc.errs.validation.with("The service principal %s is not recognized.", in.ServicePrincipal).field("Reason", "UNRECOGNIZED_SERVICE_PRINCIPAL")
	}
	org, aerr := r.managedOrganization()
	if aerr != nil {
		return nil, aerr
	}
	// Enabling it again is not an error.
	if !slices.Contains(org.ServiceAccess, in.ServicePrincipal) {
		org.ServiceAccess = append(org.ServiceAccess, in.ServicePrincipal)
	}
	return nil, nil
}

// trustedAccess reports whether org lets service work across it.
func (org *organization) trustedAccess(service string) bool {
	return slices.Contains(org.ServiceAccess, service)
}
