package simulator

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"image/png"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

func iamMFAOperations() []operation {
	return []operation{
		write("CreateVirtualMFADevice", iamCreateVirtualMFADevice),
		write("EnableMFADevice", iamEnableMFADevice),
		write("DeactivateMFADevice", iamDeactivateMFADevice),
		write("DeleteVirtualMFADevice", iamDeleteVirtualMFADevice),
		read("ListVirtualMFADevices", iamListVirtualMFADevices),
		read("ListMFADevices", iamListMFADevices),
	}
}

// maxMFADevicesPerUser is IAM's quota of MFA devices assigned to one user.
const maxMFADevicesPerUser = 8

var mfaDeviceNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,226}$`)

// mfaCounts are GetAccountSummary's MFADevices (every MFA device, assigned
// or not, the root user's included) and MFADevicesInUse (those assigned).
func (a *account) mfaCounts() (devices, inUse int) {
	if a.Root.MFA != nil {
		devices, inUse = 1, 1
	}
	for _, d := range a.IAM.VirtualMFADevices {
		devices++
		if d.User != "" {
			inUse++
		}
	}
	return devices, inUse
}

// virtualMFADeviceXML is IAM's VirtualMFADevice shape. Base32StringSeed and
// QRCodePNG are blobs, base64 on the wire, and only CreateVirtualMFADevice
// returns them.
type virtualMFADeviceXML struct {
	SerialNumber     string
	Base32StringSeed string     `xml:",omitempty"`
	QRCodePNG        string     `xml:",omitempty"`
	User             *userXML   `xml:",omitempty"`
	EnableDate       *time.Time `xml:",omitempty"`
}

type createVirtualMFADeviceResult struct {
	VirtualMFADevice virtualMFADeviceXML
}

func iamCreateVirtualMFADevice(r *request) (any, error) {
	name, aerr := r.required("VirtualMFADeviceName")
	if aerr != nil {
		return nil, aerr
	}
	if !mfaDeviceNameRE.MatchString(name) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", name)
	}
	path := r.form.Get("Path")
	if path == "" {
		path = "/"
	}
	if len(path) > 512 || !iamPathRE.MatchString(path) {
		return nil, r.svc.errs.validation.with("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	a := r.account()
	serial := a.arn("iam", "mfa"+path+name)
	if _, exists := a.IAM.VirtualMFADevices[serial]; exists {
		return nil, errEntityAlreadyExists("MFADevice entity at the same path and name already exists.")
	}
	seed := newMFASeed()
	qr, err := mfaQRCode(seed, name, a.ID)
	if err != nil {
		return nil, err
	}
	if a.IAM.VirtualMFADevices == nil {
		a.IAM.VirtualMFADevices = map[string]*virtualMFADevice{}
	}
	a.IAM.VirtualMFADevices[serial] = &virtualMFADevice{Serial: serial, Created: iamTime(r.now)}
	r.vault.mfaSeeds[serial] = seed
	return createVirtualMFADeviceResult{VirtualMFADevice: virtualMFADeviceXML{
		SerialNumber:     serial,
		Base32StringSeed: base64.StdEncoding.EncodeToString([]byte(seed)),
		QRCodePNG:        base64.StdEncoding.EncodeToString(qr),
	}}, nil
}

// newMFASeed returns a seed like AWS's: 40 random bytes, 64 base32 characters.
func newMFASeed() string {
	b := make([]byte, 40)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	return base32.StdEncoding.EncodeToString(b)
}

// mfaQRCode draws the device's otpauth URI as AWS labels it.
func mfaQRCode(seed, name, accountID string) ([]byte, error) {
	const issuer = "Amazon Web Services"
	uri := url.URL{
		Scheme:   "otpauth",
		Host:     "totp",
		Path:     "/" + issuer + ":" + name + "@" + accountID,
		RawQuery: url.Values{"secret": {seed}, "issuer": {issuer}}.Encode(),
	}
	key, err := otp.NewKeyFromURL(uri.String())
	if err != nil {
		return nil, err
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func iamEnableMFADevice(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	serial, aerr := r.required("SerialNumber")
	if aerr != nil {
		return nil, aerr
	}
	var codes [2]string
	for i, param := range []string{"AuthenticationCode1", "AuthenticationCode2"} {
		if codes[i], aerr = r.required(param); aerr != nil {
			return nil, aerr
		}
		if !isSixDigits(codes[i]) {
			return nil, r.svc.errs.validation.with("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: [\\d]+", lowerFirst(param))
		}
	}
	d := r.account().IAM.VirtualMFADevices[serial]
	switch {
	case d == nil:
		return nil, errNoSuchEntity("VirtualMFADevice with serial number %s doesn't exist.", serial)
	case d.User != "":
		return nil, errEntityAlreadyExists("MFA device is already in use.")
	case len(u.MFASerials) >= maxMFADevicesPerUser:
		return nil, &apiError{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for MFADevicesPerUser: 8"}
	}
	// A seed lost to a simulator restart can't validate any code: the
	// device is as unusable as one whose seed its owner lost.
	seed, ok := r.vault.mfaSeeds[serial]
	if !ok || !consecutiveCodes(seed, codes[0], codes[1], r.now) {
		return nil, &apiError{Code: "InvalidAuthenticationCode", Status: 403, Message: "Authentication code for device is not valid."}
	}
	enabled := iamTime(r.now)
	d.User, d.Enabled = u.Name, &enabled
	u.MFASerials = append(u.MFASerials, serial)
	return nil, nil
}

func isSixDigits(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// totpPeriod is the time step of AWS virtual MFA devices (RFC 6238 default).
const totpPeriod = 30

// consecutiveCodes reports whether code1 and code2 are the device's codes for
// two consecutive time steps, the second being the current step or one step
// either side of it, for clock skew between the phone and AWS.
func consecutiveCodes(seed, code1, code2 string, now time.Time) bool {
	current := now.Unix() / totpPeriod
	for second := current - 1; second <= current+1; second++ {
		if codeMatches(seed, second-1, code1) && codeMatches(seed, second, code2) {
			return true
		}
	}
	return false
}

func codeMatches(seed string, step int64, code string) bool {
	want, err := hotp.GenerateCodeCustom(seed, uint64(step), hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	return err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1
}

func iamDeactivateMFADevice(r *request) (any, error) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, aerr
	}
	serial, aerr := r.required("SerialNumber")
	if aerr != nil {
		return nil, aerr
	}
	a := r.account()
	if u == nil { // the root user, on its own device
		if a.Root.MFA == nil || a.Root.MFA.Serial != serial {
			return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
		}
		a.Root.MFA = nil
		return nil, nil
	}
	i := slices.Index(u.MFASerials, serial)
	if i < 0 {
		return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
	}
	u.MFASerials = slices.Delete(u.MFASerials, i, i+1)
	if d := a.IAM.VirtualMFADevices[serial]; d != nil {
		d.User, d.Enabled = "", nil
	}
	return nil, nil
}

func iamDeleteVirtualMFADevice(r *request) (any, error) {
	serial, aerr := r.required("SerialNumber")
	if aerr != nil {
		return nil, aerr
	}
	a := r.account()
	d := a.IAM.VirtualMFADevices[serial]
	switch {
	case d == nil:
		return nil, errNoSuchEntity("VirtualMFADevice with serial number %s doesn't exist.", serial)
	case d.User != "":
		return nil, &apiError{Code: "DeleteConflict", Status: 409, Message: "MFA Device is in use by user " + d.User + ". Deactivate it before deleting it."}
	}
	delete(a.IAM.VirtualMFADevices, serial)
	delete(r.vault.mfaSeeds, serial)
	return nil, nil
}

type listVirtualMFADevicesResult struct {
	VirtualMFADevices xmlList[virtualMFADeviceXML]
	IsTruncated       bool
	Marker            string `xml:",omitempty"`
}

func iamListVirtualMFADevices(r *request) (any, error) {
	status := r.form.Get("AssignmentStatus")
	if status == "" {
		status = "Any"
	}
	if status != "Assigned" && status != "Unassigned" && status != "Any" {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]", status)
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	a := r.account()
	var all []virtualMFADeviceXML
	if m := a.Root.MFA; m != nil {
		enabled := iamTime(m.Enabled)
		root := userXML{UserID: a.ID, Arn: a.arn("iam", "root"), CreateDate: iamTime(a.Created)}
		all = append(all, virtualMFADeviceXML{SerialNumber: m.Serial, User: &root, EnableDate: &enabled})
	}
	for _, d := range a.IAM.VirtualMFADevices {
		x := virtualMFADeviceXML{SerialNumber: d.Serial}
		if u := a.user(d.User); u != nil {
			ux := a.userXML(u)
			x.User, x.EnableDate = &ux, d.Enabled
		}
		all = append(all, x)
	}
	var devices []virtualMFADeviceXML
	for _, d := range all {
		if status == "Any" || (status == "Assigned") == (d.User != nil) {
			devices = append(devices, d)
		}
	}
	sort.Slice(devices, func(i, j int) bool { return devices[i].SerialNumber < devices[j].SerialNumber })
	page, next, aerr := paginate(r, devices, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listVirtualMFADevicesResult{IsTruncated: next != "", Marker: next}
	out.VirtualMFADevices.Members = page
	return out, nil
}

type mfaDeviceXML struct {
	// UserName is required in IAM's model; the root user's devices carry
	// none here, as the root user has no user name.
	UserName     string `xml:",omitempty"`
	SerialNumber string
	EnableDate   time.Time
}

type listMFADevicesResult struct {
	MFADevices  xmlList[mfaDeviceXML]
	IsTruncated bool
	Marker      string `xml:",omitempty"`
}

func iamListMFADevices(r *request) (any, error) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, aerr
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	a := r.account()
	var devices []mfaDeviceXML
	switch {
	case u == nil:
		if m := a.Root.MFA; m != nil {
			devices = append(devices, mfaDeviceXML{SerialNumber: m.Serial, EnableDate: iamTime(m.Enabled)})
		}
	default:
		for _, serial := range u.MFASerials {
			x := mfaDeviceXML{UserName: u.Name, SerialNumber: serial}
			if d := a.IAM.VirtualMFADevices[serial]; d != nil && d.Enabled != nil {
				x.EnableDate = *d.Enabled
			}
			devices = append(devices, x)
		}
	}
	page, next, aerr := paginate(r, devices, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listMFADevicesResult{IsTruncated: next != "", Marker: next}
	out.MFADevices.Members = page
	return out, nil
}
