package debuglog_test

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/debuglog"
)

func TestRedactRules(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"authorization header", "POST / HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/iam/aws4_request, Signature=abc\r\nHost: x\r\n",
			"POST / HTTP/1.1\r\nAuthorization: [redacted]\r\nHost: x\r\n"},
		{"session token header", "x-amz-security-token: IQoJb3JpZ2luX2VjEPj\r\n", "x-amz-security-token: [redacted]\r\n"},
		{"portal bearer token", "X-Amz-Sso_bearer_token: abc.def\r\n", "X-Amz-Sso_bearer_token: [redacted]\r\n"},
		{"query form", "Action=EnableMFADevice&AuthenticationCode1=123456&AuthenticationCode2=654321&SerialNumber=arn%3Aaws",
			"Action=EnableMFADevice&AuthenticationCode1=[redacted]&AuthenticationCode2=[redacted]&SerialNumber=arn%3Aaws"},
		{"password form", "Action=CreateLoginProfile&Password=p%40ss+w0rd&PasswordResetRequired=true",
			"Action=CreateLoginProfile&Password=[redacted]&PasswordResetRequired=true"},
		{"change password", "NewPassword=a&OldPassword=b", "NewPassword=[redacted]&OldPassword=[redacted]"},
		{"xml", "<AccessKey><AccessKeyId>AKIAX</AccessKeyId><SecretAccessKey>wJalr/K7MDENG+bPxRfi</SecretAccessKey></AccessKey>",
			"<AccessKey><AccessKeyId>AKIAX</AccessKeyId><SecretAccessKey>[redacted]</SecretAccessKey></AccessKey>"},
		{"json", `{"clientId":"c1","clientSecret":"s\"3cr3t","accessToken" : "t0k"}`,
			`{"clientId":"c1","clientSecret":"[redacted]","accessToken" : "[redacted]"}`},
		{"otpauth uri", "otpauth://totp/AWS:admin@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=AWS",
			"otpauth://totp/AWS:admin@123456789012?secret=[redacted]&issuer=AWS"},
		{"environment", "AWS_SECRET_ACCESS_KEY=abc aws_session_token = def", "AWS_SECRET_ACCESS_KEY=[redacted] aws_session_token = [redacted]"},
		{"bare seed", "key is " + strings.Repeat("ABCDEFGH", 8) + ".", "key is [redacted]."},
		{"bare token", "token " + strings.Repeat("aB3+", 40), "token [redacted]"},
		{"ordinary text", "iam:CreateRole role Billing status=200 arn:aws:iam::123456789012:role/Billing PasswordResetRequired=true",
			"iam:CreateRole role Billing status=200 arn:aws:iam::123456789012:role/Billing PasswordResetRequired=true"},
	} {
		if got := debuglog.Redact(tc.in); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// capture keeps the SDK's log lines as the SDK wrote them, before any redaction.
type capture struct {
	mu    sync.Mutex
	lines []string
}

func (c *capture) Enabled(context.Context, slog.Level) bool { return true }
func (c *capture) WithAttrs([]slog.Attr) slog.Handler       { return c }
func (c *capture) WithGroup(string) slog.Handler            { return c }
func (c *capture) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(" " + a.Key + "=" + a.Value.String())
		return true
	})
	c.mu.Lock()
	c.lines = append(c.lines, b.String())
	c.mu.Unlock()
	return nil
}

func (c *capture) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines, "\n")
}

// TestRedactWireSamples makes, through the real SDK against the simulated account, the
// calls that carry every kind of secret firstrun meets (IAM and STS in the query protocol
// with XML answers, Organizations and the Identity Store in JSON 1.1, SSO OIDC and the
// portal in REST-JSON), with the SDK logging each request and response in full. The
// dumps hold the secrets; redacted, they hold none of them, and still say what was called.
func TestRedactWireSamples(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	wire := &capture{}
	ctx := context.Background()
	cfg, err := awsclient.LoadConfig(ctx, awsclient.Options{Isolated: true, EndpointURL: b.URL, Region: "us-east-1",
		Credentials: credentials.StaticCredentialsProvider{Value: b.Credentials}, Debug: slog.New(wire), Wire: true})
	if err != nil {
		t.Fatal(err)
	}
	// The caller's secret key signs requests and never travels; its session token does.
	secrets := map[string]string{"the caller's session token": b.Credentials.SessionToken}

	// Query protocol, XML answers.
	if _, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	api := iam.NewFromConfig(cfg)
	if _, err := api.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	password := "Tr0ub4dor&3-correct/horse+battery"
	secrets["a password"] = password
	if _, err := api.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String(password)}); err != nil {
		t.Fatal(err)
	}
	device, err := api.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	seed := string(device.VirtualMFADevice.Base32StringSeed)
	secrets["the MFA seed"] = seed
	secrets["the QR code"] = base64.StdEncoding.EncodeToString(device.VirtualMFADevice.QRCodePNG)
	now := time.Now()
	code1, _ := totp.GenerateCode(seed, now.Add(-30*time.Second))
	code2, _ := totp.GenerateCode(seed, now)
	secrets["the first MFA code"], secrets["the second MFA code"] = code1, code2
	if _, err := api.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("alice"),
		SerialNumber: device.VirtualMFADevice.SerialNumber, AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2)}); err != nil {
		t.Fatal(err)
	}
	key, err := api.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	secrets["a new access key's secret"] = aws.ToString(key.AccessKey.SecretAccessKey)

	// JSON 1.1.
	if _, err := organizations.NewFromConfig(cfg).CreateOrganization(ctx, &organizations.CreateOrganizationInput{
		FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatal(err)
	}
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := identitystore.NewFromConfig(cfg).CreateUser(ctx, &identitystore.CreateUserInput{
		IdentityStoreId: aws.String(ic.IdentityStoreID), UserName: aws.String("jane"), DisplayName: aws.String("Jane Doe"),
		Name:   &idtypes.Name{GivenName: aws.String("Jane"), FamilyName: aws.String("Doe")},
		Emails: []idtypes.Email{{Value: aws.String("jane@example.com"), Primary: true}}}); err != nil {
		t.Fatal(err)
	}

	// REST-JSON: the device flow and the portal.
	oidc := ssooidc.NewFromConfig(cfg)
	client, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("firstrun"), ClientType: aws.String("public")})
	if err != nil {
		t.Fatal(err)
	}
	secrets["the OIDC client secret"] = aws.ToString(client.ClientSecret)
	dev, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{ClientId: client.ClientId,
		ClientSecret: client.ClientSecret, StartUrl: aws.String("https://" + ic.IdentityStoreID + ".awsapps.com/start")})
	if err != nil {
		t.Fatal(err)
	}
	secrets["the device code"] = aws.ToString(dev.DeviceCode)
	secrets["the user code"] = aws.ToString(dev.UserCode)
	if err := sim.Console().ApproveDeviceSignIn("us-east-1", "jane"); err != nil {
		t.Fatal(err)
	}
	token, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: client.ClientId, ClientSecret: client.ClientSecret,
		DeviceCode: dev.DeviceCode, GrantType: aws.String("urn:ietf:params:oauth:grant-type:device_code")})
	if err != nil {
		t.Fatal(err)
	}
	secrets["the portal's access token"] = aws.ToString(token.AccessToken)
	if _, err := sso.NewFromConfig(cfg).ListAccounts(ctx, &sso.ListAccountsInput{AccessToken: token.AccessToken}); err != nil {
		t.Fatal(err)
	}

	raw := wire.text()
	for what, secret := range secrets {
		if !containsAnyForm(raw, secret) {
			t.Fatalf("the raw dumps do not hold %s: the sample proves nothing", what)
		}
	}
	redacted := debuglog.Redact(raw)
	for what, secret := range secrets {
		if containsAnyForm(redacted, secret) {
			t.Errorf("the redacted dumps still hold %s", what)
		}
	}
	// What support needs is still there: the calls, AWS's answers, the identifiers.
	for _, keep := range []string{"Action=CreateLoginProfile", "Action=EnableMFADevice", "<CreateAccessKeyResponse",
		"AWSOrganizationsV20161128.CreateOrganization", "POST /client/register", "GET /assignment/accounts",
		"HTTP/1.1 200 OK", "Authorization: [redacted]", ic.IdentityStoreID, aws.ToString(key.AccessKey.AccessKeyId),
		"aws call", "operation=CreateVirtualMFADevice"} {
		if !strings.Contains(redacted, keep) {
			t.Errorf("the redacted dumps lost %q", keep)
		}
	}
}

// containsAnyForm reports whether text holds secret as it is, query-escaped, JSON-escaped
// or in Base64 (IAM sends the MFA seed, a blob, in Base64).
func containsAnyForm(text, secret string) bool {
	for _, form := range []string{secret, url.QueryEscape(secret), strings.ReplaceAll(secret, "/", `\/`),
		base64.StdEncoding.EncodeToString([]byte(secret))} {
		if strings.Contains(text, form) {
			return true
		}
	}
	return false
}

func TestTheLogIsPrivateAndRedacted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	if err := os.WriteFile(path, []byte("an earlier run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := debuglog.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("step started", "step", "emergency-admin")
	log.Warn("aws call failed", "error", "operation error IAM: CreateLoginProfile, body Password=hunter2&UserName=x")
	if err := log.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	text := string(data)
	if !strings.HasPrefix(text, "an earlier run\n") || !strings.Contains(text, "step=emergency-admin") ||
		!strings.Contains(text, "Password=[redacted]") || strings.Contains(text, "hunter2") {
		t.Errorf("the log reads:\n%s", text)
	}
}
