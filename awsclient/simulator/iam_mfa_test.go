package simulator_test

import (
	"bytes"
	"context"
	"encoding/base32"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// code is what an authenticator app shows for seed at t.
func code(t *testing.T, seed string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(seed, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func createUserAndDevice(t *testing.T, client *iam.Client, user string) (serial, seed string) {
	t.Helper()
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(user)}); err != nil {
		t.Fatal(err)
	}
	out, err := client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(user)})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.VirtualMFADevice.SerialNumber), string(out.VirtualMFADevice.Base32StringSeed)
}

func TestCreateVirtualMFADevice(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()

	out, err := client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	d := out.VirtualMFADevice
	if want := "arn:aws:iam::" + sim.AccountID() + ":mfa/alice"; aws.ToString(d.SerialNumber) != want {
		t.Errorf("serial %s, want %s", aws.ToString(d.SerialNumber), want)
	}
	seed := string(d.Base32StringSeed)
	if raw, err := base32.StdEncoding.DecodeString(seed); err != nil || len(seed) != 64 || len(raw) != 40 {
		t.Errorf("seed %q is not 64 base32 characters (%v)", seed, err)
	}
	// The PNG is a QR code of the otpauth URI, as AWS labels it.
	img, err := png.Decode(bytes.NewReader(d.QRCodePNG))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if uri := res.GetText(); !strings.HasPrefix(uri, "otpauth://totp/Amazon%20Web%20Services:alice@"+sim.AccountID()) || !strings.Contains(uri, "secret="+seed) {
		t.Errorf("QR code holds %q", uri)
	}

	_, err = client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice")})
	requireCode(t, err, "EntityAlreadyExists")
	requireType[*types.EntityAlreadyExistsException](t, err)
	requireStatus(t, err, 409)

	_, err = client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("no spaces")})
	requireCode(t, err, "ValidationError")

	// Another path is another device.
	other, err := client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice"), Path: aws.String("/ops/")})
	if err != nil || !strings.HasSuffix(aws.ToString(other.VirtualMFADevice.SerialNumber), ":mfa/ops/alice") {
		t.Errorf("device on /ops/: %v %v", other, err)
	}
}

func TestEnableMFADeviceChecksTwoConsecutiveCodes(t *testing.T) {
	clk := newClock()
	_, cfg := start(t, simulator.Options{Clock: clk.Now})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	serial, seed := createUserAndDevice(t, client, "alice")
	now := clk.Now()
	step := 30 * time.Second
	enable := func(code1, code2 string) error {
		_, err := client.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
			UserName: aws.String("alice"), SerialNumber: aws.String(serial),
			AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2),
		})
		return err
	}

	for _, tc := range []struct {
		name          string
		first, second time.Time
	}{
		{"the same code twice", now, now},
		{"in the wrong order", now, now.Add(-step)},
		{"not consecutive", now.Add(-2 * step), now},
		{"too old", now.Add(-3 * step), now.Add(-2 * step)},
		{"too far ahead", now.Add(step), now.Add(2 * step)},
	} {
		err := enable(code(t, seed, tc.first), code(t, seed, tc.second))
		requireCode(t, err, "InvalidAuthenticationCode")
		requireType[*types.InvalidAuthenticationCodeException](t, err)
		requireStatus(t, err, 403)
	}
	requireCode(t, enable("12345", "123456"), "ValidationError")
	requireCode(t, enable("abcdef", "123456"), "ValidationError")

	// The previous and the current code, as an operator types them.
	if err := enable(code(t, seed, now.Add(-step)), code(t, seed, now)); err != nil {
		t.Fatal(err)
	}
	requireCode(t, enable(code(t, seed, now), code(t, seed, now.Add(step))), "EntityAlreadyExists")

	_, err := client.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName: aws.String("nobody"), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321"),
	})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
	_, err = client.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName: aws.String("alice"), SerialNumber: aws.String(serial + "-gone"),
		AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321"),
	})
	requireCode(t, err, "NoSuchEntity")
}

func TestEnableMFADeviceToleratesOneStepOfSkew(t *testing.T) {
	clk := newClock()
	_, cfg := start(t, simulator.Options{Clock: clk.Now})
	client := iam.NewFromConfig(cfg)
	step := 30 * time.Second
	for i, second := range []time.Duration{-step, 0, step} {
		user := fmt.Sprintf("user-%d", i)
		serial, seed := createUserAndDevice(t, client, user)
		at := clk.Now().Add(second)
		_, err := client.EnableMFADevice(context.Background(), &iam.EnableMFADeviceInput{
			UserName: aws.String(user), SerialNumber: aws.String(serial),
			AuthenticationCode1: aws.String(code(t, seed, at.Add(-step))), AuthenticationCode2: aws.String(code(t, seed, at)),
		})
		if err != nil {
			t.Errorf("second code %v from now: %v", second, err)
		}
	}
}

func TestMFADeviceLifecycle(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp}) // the root user has MFA
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	serial, seed := createUserAndDevice(t, client, "alice")
	spare, _ := createUserAndDevice(t, client, "bob")

	summary := func() (int32, int32) {
		t.Helper()
		out, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		return out.SummaryMap["MFADevices"], out.SummaryMap["MFADevicesInUse"]
	}
	listed := func(status types.AssignmentStatusType) []string {
		t.Helper()
		var serials []string
		p := iam.NewListVirtualMFADevicesPaginator(client, &iam.ListVirtualMFADevicesInput{AssignmentStatus: status, MaxItems: aws.Int32(1)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.VirtualMFADevices) > 1 {
				t.Errorf("a page of %d devices for MaxItems 1", len(out.VirtualMFADevices))
			}
			for _, d := range out.VirtualMFADevices {
				if d.Base32StringSeed != nil || d.QRCodePNG != nil {
					t.Error("ListVirtualMFADevices returned a seed or QR code")
				}
				serials = append(serials, aws.ToString(d.SerialNumber))
			}
		}
		return serials
	}
	if d, u := summary(); d != 3 || u != 1 {
		t.Errorf("before enabling: MFADevices %d, MFADevicesInUse %d; want 3, 1", d, u)
	}
	if got := listed(types.AssignmentStatusTypeUnassigned); strings.Join(got, ",") != serial+","+spare {
		t.Errorf("unassigned %v", got)
	}

	now := time.Now()
	if _, err := client.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName: aws.String("alice"), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String(code(t, seed, now.Add(-30*time.Second))), AuthenticationCode2: aws.String(code(t, seed, now)),
	}); err != nil {
		t.Fatal(err)
	}
	if d, u := summary(); d != 3 || u != 2 {
		t.Errorf("after enabling: MFADevices %d, MFADevicesInUse %d; want 3, 2", d, u)
	}
	assigned := listed(types.AssignmentStatusTypeAssigned)
	if len(assigned) != 2 || !strings.HasSuffix(assigned[0], ":mfa/alice") || !strings.HasSuffix(assigned[1], ":mfa/root-account-mfa-device") {
		t.Errorf("assigned %v, want alice's and the root user's", assigned)
	}
	if got := listed(types.AssignmentStatusTypeAny); len(got) != 3 {
		t.Errorf("any: %v", got)
	}
	mfa, err := client.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	if len(mfa.MFADevices) != 1 || aws.ToString(mfa.MFADevices[0].SerialNumber) != serial || aws.ToString(mfa.MFADevices[0].UserName) != "alice" || mfa.MFADevices[0].EnableDate == nil {
		t.Errorf("ListMFADevices = %+v", mfa.MFADevices)
	}
	root, err := client.ListMFADevices(ctx, &iam.ListMFADevicesInput{})
	if err != nil || len(root.MFADevices) != 1 {
		t.Errorf("the root user's devices: %+v, %v", root, err)
	}
	_, err = client.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("nobody")})
	requireCode(t, err, "NoSuchEntity")

	_, err = client.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	requireCode(t, err, "DeleteConflict")
	requireType[*types.DeleteConflictException](t, err)
	requireStatus(t, err, 409)

	_, err = client.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("bob"), SerialNumber: aws.String(serial)})
	requireCode(t, err, "NoSuchEntity")
	if _, err := client.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("alice"), SerialNumber: aws.String(serial)}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{serial, spare} {
		if _, err := client.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(s)}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = client.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
	if d, u := summary(); d != 1 || u != 1 {
		t.Errorf("after deleting: MFADevices %d, MFADevicesInUse %d; want 1, 1", d, u)
	}
}

// A seed lives only in memory: after a restart the device exists but can't be
// enabled, and the state file never held the seed.
func TestVirtualMFASeedNeverReachesTheStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first, b := simtest.Start(t, simulator.Options{StateFile: path})
	serial, seed := createUserAndDevice(t, iam.NewFromConfig(simtest.Config(t, b, "us-east-1")), "alice")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), serial) {
		t.Fatal("the device was not saved")
	}
	if strings.Contains(string(data), seed) {
		t.Fatal("the state file holds the seed")
	}

	_, b2 := simtest.Start(t, simulator.Options{StateFile: path})
	now := time.Now()
	_, err = iam.NewFromConfig(simtest.Config(t, b2, "us-east-1")).EnableMFADevice(context.Background(), &iam.EnableMFADeviceInput{
		UserName: aws.String("alice"), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String(code(t, seed, now.Add(-30*time.Second))), AuthenticationCode2: aws.String(code(t, seed, now)),
	})
	requireCode(t, err, "InvalidAuthenticationCode")
}
