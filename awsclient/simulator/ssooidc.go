package simulator

import (
	"crypto/rand"
	"net/http"
	"strings"
	"time"
)

// SSO OIDC speaks REST-JSON and its device-flow operations are unsigned; see
// https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/. Its
// errors carry OAuth's "error" and "error_description" members.
func ssoOIDCService() *service {
	errs := restErrors("SlowDownException")
	errs.throttling.Status = http.StatusBadRequest
	errs.accessDenied.Status = http.StatusBadRequest
	errs.validation = *errOIDCInvalidRequest("")
	return newService(service{
		id: "sso-oidc", signingName: "sso-oauth", actionPrefix: "sso-oauth", unsigned: true,
		protocol: restJSONProtocol{messageKey: "error_description"},
		errs:     errs,
	}, []operation{
		write("RegisterClient", oidcRegisterClient).at("POST /client/register"),
		write("StartDeviceAuthorization", oidcStartDeviceAuthorization).at("POST /device_authorization"),
		write("CreateToken", oidcCreateToken).at("POST /token"),
	})
}

// The device flow's timings as AWS answers them.
const (
	oidcClientLifetime = 90 * 24 * time.Hour
	deviceCodeLifetime = 10 * time.Minute
	devicePollInterval = time.Second
	// slowDownStep is what RFC 8628 adds to the interval after a slow_down.
	slowDownStep  = 5 * time.Second
	portalSession = 8 * time.Hour
	deviceGrant   = "urn:ietf:params:oauth:grant-type:device_code"
)

// oidcVault holds the device flow's secrets: client secrets, device codes
// and access tokens live in memory only, like every other credential.
type oidcVault struct {
	clients map[string]*oidcClient          // by client ID
	devices map[string]*deviceAuthorization // by device code
	tokens  map[string]*portalToken         // by access token
}

func newOIDCVault() *oidcVault {
	return &oidcVault{clients: map[string]*oidcClient{}, devices: map[string]*deviceAuthorization{}, tokens: map[string]*portalToken{}}
}

type oidcClient struct {
	secret  string
	expires time.Time
}

// deviceAuthorization is one sign-in waiting for a person to approve it in
// the browser. interval grows with every poll that comes too soon.
type deviceAuthorization struct {
	clientID string
	userCode string
	account  string // the account and Region of the Identity Center instance
	region   string
	expires  time.Time
	interval time.Duration
	lastPoll time.Time
	userID   string // set when a person approved the request
}

// portalToken is an access portal session of an Identity Center user.
type portalToken struct {
	account, region, userID string
	expires                 time.Time
}

func oidcError(code, oauthError string, status int, description string) *apiError {
	return (&apiError{Code: code, Status: status, Message: description}).field("error", oauthError)
}

func errInvalidClient() *apiError {
	return oidcError("InvalidClientException", "invalid_client", http.StatusUnauthorized, "Invalid client or client secret.")
}

func errOIDCInvalidRequest(description string) *apiError {
	return oidcError("InvalidRequestException", "invalid_request", http.StatusBadRequest, description)
}

// client checks a client's credentials.
func (v *oidcVault) client(id, secret string, now time.Time) *apiError {
	c := v.clients[id]
	if c == nil || c.secret != secret || !now.Before(c.expires) {
		return errInvalidClient()
	}
	return nil
}

func oidcRegisterClient(r *request) (any, error) {
	var in struct {
		ClientName string `json:"clientName"`
		ClientType string `json:"clientType"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if in.ClientName == "" || in.ClientType != "public" {
		return nil, oidcError("InvalidClientMetadataException", "invalid_client_metadata", http.StatusBadRequest,
			"clientName is required and clientType must be public.")
	}
	id, secret := newSecret(24), newSecret(48)
	c := &oidcClient{secret: secret, expires: r.now.Add(oidcClientLifetime)}
	r.vault.oidc.clients[id] = c
	return map[string]any{
		"clientId": id, "clientSecret": secret,
		"clientIdIssuedAt": r.now.Unix(), "clientSecretExpiresAt": c.expires.Unix(),
	}, nil
}

// instanceForStartURL finds the Identity Center instance whose access portal a start URL
// names, in any of the forms AWS serves it at:
//   - https://<identity store ID>.awsapps.com/start, for a d- identity store ID;
//   - https://<custom subdomain>.awsapps.com/start, once one is chosen;
//   - https://ssoins-<instance ID>.portal.<Region>.app.aws, the dual-stack address every
//     instance has, in its own Region;
//   - https://start.us-gov-home.awsapps.com/directory/<identity store ID> in AWS GovCloud (US).
func (w *world) instanceForStartURL(startURL string) (*account, *ssoInstance) {
	host, ok := strings.CutPrefix(startURL, "https://")
	if !ok {
		return nil, nil
	}
	host, path, _ := strings.Cut(host, "/")
	path = strings.TrimRight(path, "/#")
	match := func(inst *ssoInstance) bool { return false }
	switch name, awsapps := strings.CutSuffix(host, ".awsapps.com"); {
	case host == "start.us-gov-home.awsapps.com":
		store, ok := strings.CutPrefix(path, "directory/")
		match = func(inst *ssoInstance) bool { return ok && inst.IdentityStoreID == store }
	case awsapps && path == "start":
		match = func(inst *ssoInstance) bool {
			return (strings.HasPrefix(name, "d-") && inst.IdentityStoreID == name) || (inst.PortalSubdomain != "" && inst.PortalSubdomain == name)
		}
	case strings.HasSuffix(host, ".app.aws") && (path == "" || path == "start"):
		id, region, _ := strings.Cut(strings.TrimSuffix(host, ".app.aws"), ".portal.")
		match = func(inst *ssoInstance) bool { return inst.Region == region && strings.HasSuffix(inst.ARN, "/"+id) }
	}
	for _, a := range w.Accounts {
		for _, inst := range a.IdentityCenter {
			if match(inst) {
				return a, inst
			}
		}
	}
	return nil, nil
}

func oidcStartDeviceAuthorization(r *request) (any, error) {
	var in struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		StartURL     string `json:"startUrl"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if aerr := r.vault.oidc.client(in.ClientID, in.ClientSecret, r.now); aerr != nil {
		return nil, aerr
	}
	a, inst := r.world.instanceForStartURL(in.StartURL)
	if inst == nil {
		return nil, errOIDCInvalidRequest("Invalid start URL " + in.StartURL + ".")
	}
	deviceCode, userCode := newSecret(48), newUserCode()
	r.vault.oidc.devices[deviceCode] = &deviceAuthorization{
		clientID: in.ClientID, userCode: userCode, account: a.ID, region: inst.Region,
		expires: r.now.Add(deviceCodeLifetime), interval: devicePollInterval,
	}
	verify := "https://device.sso." + inst.Region + ".amazonaws.com/"
	return map[string]any{
		"deviceCode": deviceCode, "userCode": userCode,
		"verificationUri": verify, "verificationUriComplete": verify + "?user_code=" + userCode,
		"expiresIn": int(deviceCodeLifetime.Seconds()), "interval": int(devicePollInterval.Seconds()),
	}, nil
}

// newUserCode makes a code a person types: two groups of four letters with
// no vowels, so it spells nothing.
func newUserCode() string {
	const alphabet = "BCDFGHJKLMNPQRSTVWXZ"
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails; see newSecret
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:4]) + "-" + string(b[4:])
}

func oidcCreateToken(r *request) (any, error) {
	var in struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		GrantType    string `json:"grantType"`
		DeviceCode   string `json:"deviceCode"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	v := r.vault.oidc
	if aerr := v.client(in.ClientID, in.ClientSecret, r.now); aerr != nil {
		return nil, aerr
	}
	if in.GrantType != deviceGrant {
		return nil, oidcError("UnsupportedGrantTypeException", "unsupported_grant_type", http.StatusBadRequest,
			"The simulator supports only the device code grant.")
	}
	d := v.devices[in.DeviceCode]
	switch {
	case d == nil || d.clientID != in.ClientID:
		return nil, oidcError("InvalidGrantException", "invalid_grant", http.StatusBadRequest, "Invalid grant provided")
	case !r.now.Before(d.expires):
		delete(v.devices, in.DeviceCode)
		return nil, oidcError("ExpiredTokenException", "expired_token", http.StatusBadRequest, "Device code has expired")
	case !d.lastPoll.IsZero() && r.now.Sub(d.lastPoll) < d.interval:
		d.lastPoll = r.now
		d.interval += slowDownStep
		return nil, oidcError("SlowDownException", "slow_down", http.StatusBadRequest, "Client is polling too quickly")
	}
	d.lastPoll = r.now
	if d.userID == "" {
		return nil, oidcError("AuthorizationPendingException", "authorization_pending", http.StatusBadRequest, "Authorization is still pending")
	}
	delete(v.devices, in.DeviceCode) // a device code is good for one token
	token := newSecret(96)
	v.tokens[token] = &portalToken{account: d.account, region: d.region, userID: d.userID, expires: r.now.Add(portalSession)}
	return map[string]any{"accessToken": token, "tokenType": "Bearer", "expiresIn": int(portalSession.Seconds())}, nil
}

// approveDevices approves, as userID, every pending device authorization for
// the instance of account in region, as a person does on the verification
// page. It reports how many it approved.
func (v *oidcVault) approveDevices(account, region, userID string, now time.Time) int {
	n := 0
	for _, d := range v.devices {
		if d.account == account && d.region == region && d.userID == "" && now.Before(d.expires) {
			d.userID = userID
			n++
		}
	}
	return n
}
