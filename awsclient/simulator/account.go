package simulator

// Account Management speaks REST-JSON; see
// https://docs.aws.amazon.com/accounts/latest/reference/API_Operations.html.
func accountService() *service {
	return newService(service{
		id: "account", signingName: "account", actionPrefix: "account",
		protocol: restJSONProtocol{messageKey: "message"},
		errs:     restErrors("TooManyRequestsException"),
	}, []operation{
		read("GetContactInformation", accountGetContactInformation).at("POST /getContactInformation"),
		read("ListRegions", accountListRegions).at("POST /listRegions"),
	},
		accountAlternateContactOperations(),
	)
}

// targetAccount is the account an Account API call acts on: the caller's
// own, or with AccountId a member account of the organization the caller
// manages.
func (r *request) targetAccount(accountID string) (*account, *apiError) {
	own := r.account()
	if accountID == "" || accountID == own.ID {
		return own, nil
	}
	org := r.world.organizationOf(own, r.now)
	target := r.world.Accounts[accountID]
	if org == nil || org.Management != own.ID || r.world.organizationOf(target, r.now) != org {
		return nil, r.svc.errs.accessDenied.with("User: %s is not authorized to perform: %s on resource: arn:aws:account::%s:account/%s",
			r.caller.arn(), r.svc.action(r.op), own.ID, accountID)
	}
	return target, nil
}

type getContactInformationOutput struct {
	ContactInformation *contactInformation `json:"ContactInformation"`
}

func accountGetContactInformation(r *request) (any, error) {
	var in struct {
		AccountID string `json:"AccountId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a, aerr := r.targetAccount(in.AccountID)
	if aerr != nil {
		return nil, aerr
	}
	if a.Contact == nil {
		return nil, &apiError{Code: "ResourceNotFoundException", Status: 404, Message: "No contact information found for account " + a.ID + "."}
	}
	return getContactInformationOutput{ContactInformation: a.Contact}, nil
}
