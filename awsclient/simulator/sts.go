package simulator

// STS speaks the query protocol; see
// https://docs.aws.amazon.com/STS/latest/APIReference/.
func stsService() *service {
	return newService(service{
		id: "sts", signingName: "sts", actionPrefix: "sts",
		protocol: queryProtocol{namespace: "https://sts.amazonaws.com/doc/2011-06-15/"},
		errs:     queryErrors(),
	}, []operation{
		read("GetCallerIdentity", stsGetCallerIdentity),
	})
}

type getCallerIdentityResult struct {
	UserID  string `xml:"UserId"`
	Account string
	Arn     string
}

func stsGetCallerIdentity(r *request) (any, error) {
	return getCallerIdentityResult{UserID: r.caller.userID(), Account: r.caller.Account, Arn: r.caller.arn()}, nil
}
