// Package iamuser holds the steps about IAM users: the optional emergency administrator,
// and MFA for every IAM user who signs in to the console. Both enrol virtual MFA devices
// with the QR code drawn in the terminal.
package iamuser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient"
)

// Device is a virtual MFA device created for a user and not yet enabled. Seed is the
// device's secret: AWS returns it once, firstrun keeps it in memory only, and it is
// gone when the program ends. A device left unenabled by an interrupted run is deleted
// and created again, never revived.
type Device struct {
	User    string
	Account string
	Serial  string
	Seed    string
	// Skew is how far AWS's clock was from this machine's when AWS made the device, read
	// from the Date header of its answer; SkewKnown is false when the answer had none.
	Skew      time.Duration
	SkewKnown bool
}

// Issuer is the name authenticator apps show above the code. AWS's own QR codes say
// "Amazon Web Services"; the short form keeps the code small enough to fit beside its
// instructions in an 80x24 terminal.
const Issuer = "AWS"

// Label is how the account appears in the authenticator app.
func (d Device) Label() string { return Issuer + ":" + d.User + "@" + d.Account }

// URI is the otpauth URI the QR code holds (the Key URI format authenticator apps read).
func (d Device) URI() string { return otpauthURI(d.Label(), d.Seed) }

// ShortURI leaves the account out of the label, for user names long enough that the full
// URI would make the QR code too big for the window.
func (d Device) ShortURI() string { return otpauthURI(Issuer+":"+d.User, d.Seed) }

func otpauthURI(label, seed string) string {
	return "otpauth://totp/" + url.PathEscape(label) + "?secret=" + seed + "&issuer=" + Issuer
}

// deviceSerial is the serial number AWS gives a virtual MFA device named after user, in the
// caller's partition.
func deviceSerial(id awsclient.Identity, user string) string {
	return awsclient.ARN(id.Partition(), "iam", id.Account, "mfa/"+user)
}

// EnabledMFADevices lists the serial numbers of the MFA devices enabled for user.
func EnabledMFADevices(ctx context.Context, api awsclient.IAMAPI, user string) ([]string, error) {
	var serials []string
	pages := iam.NewListMFADevicesPaginator(api, &iam.ListMFADevicesInput{UserName: aws.String(user)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range page.MFADevices {
			serials = append(serials, aws.ToString(d.SerialNumber))
		}
	}
	return serials, nil
}

// unassignedDevice reports whether serial names a virtual MFA device that exists but is
// enabled for nobody.
func unassignedDevice(ctx context.Context, api awsclient.IAMAPI, serial string) (bool, error) {
	pages := iam.NewListVirtualMFADevicesPaginator(api, &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return false, err
		}
		for _, d := range page.VirtualMFADevices {
			if aws.ToString(d.SerialNumber) == serial {
				return true, nil
			}
		}
	}
	return false, nil
}

// PrepareDevice gives user a new virtual MFA device, named after the user. A device of
// that name that was created but never enabled (an interrupted run, or an abandoned try
// in the console) is deleted first: nobody can finish enrolling it, because its seed is
// gone.
//
// A create that AWS finished after the run that asked for it was killed can land after
// the look-up: the device then already exists, and is cleared away once more.
func PrepareDevice(ctx context.Context, api awsclient.IAMAPI, id awsclient.Identity, user string) (Device, error) {
	serial := deviceSerial(id, user)
	for attempt := 0; ; attempt++ {
		leftover, err := unassignedDevice(ctx, api, serial)
		if err != nil {
			return Device{}, err
		}
		if leftover {
			if err := DiscardDevice(ctx, api, serial); err != nil {
				return Device{}, err
			}
		}
		out, err := api.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(user)})
		if awsclient.IsAlreadyExists(err) && attempt == 0 {
			continue
		}
		if err != nil {
			return Device{}, err
		}
		d := out.VirtualMFADevice
		skew, known := awsclient.ClockSkew(out.ResultMetadata, time.Now())
		return Device{User: user, Account: id.Account, Serial: aws.ToString(d.SerialNumber), Seed: string(d.Base32StringSeed),
			Skew: skew, SkewKnown: known}, nil
	}
}

// DiscardDevice deletes a virtual MFA device that was never enabled. One already gone
// is no error.
func DiscardDevice(ctx context.Context, api awsclient.IAMAPI, serial string) error {
	_, err := api.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	if awsclient.IsNotFound(err) {
		return nil
	}
	return err
}

// ErrCodesRefused means AWS did not accept the two codes, although they passed the local
// check: most often they expired while the operator typed.
var ErrCodesRefused = errors.New("AWS did not accept the codes")

// EnableDevice enables d for its user with two consecutive codes from the app.
func EnableDevice(ctx context.Context, api awsclient.IAMAPI, d Device, first, second string) error {
	_, err := api.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName:            aws.String(d.User),
		SerialNumber:        aws.String(d.Serial),
		AuthenticationCode1: aws.String(first),
		AuthenticationCode2: aws.String(second),
	})
	if awsclient.ErrorCode(err) == "InvalidAuthenticationCode" {
		return fmt.Errorf("%w: %w", ErrCodesRefused, err)
	}
	return err
}

// normalizeCode drops the spaces apps show in the middle of a code ("123 456").
func normalizeCode(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), " ", "") }
