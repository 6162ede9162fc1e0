package review

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// CredentialRow is one principal's line of the IAM credential report; see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html.
type CredentialRow struct {
	// User is the IAM user's name, or RootUser for the root user.
	User    string
	ARN     string
	Created time.Time
	// Password is true when an IAM user has a console password. The report does not say
	// for the root user, who always has one.
	Password             bool
	PasswordLastUsed     Stamp
	PasswordLastChanged  Stamp
	PasswordNextRotation Stamp
	MFA                  bool
	Keys                 [2]AccessKeyUse
}

// RootUser is how the report names the root user.
const RootUser = "<root_account>"

// Root reports whether the row is the root user's.
func (r CredentialRow) Root() bool { return r.User == RootUser }

// AccessKeyUse is one access key's columns. The report names keys by position only.
type AccessKeyUse struct {
	Active      bool
	LastRotated Stamp
	LastUsed    Stamp
	// LastUsedRegion and LastUsedService are empty when the report has none.
	LastUsedRegion  string
	LastUsedService string
}

// Stamp is a date in the report, or the word the report gives instead of one.
type Stamp struct {
	Time time.Time
	// Word is N/A, no_information or not_supported when there is no date.
	Word string
}

// Known reports whether the stamp holds a date.
func (s Stamp) Known() bool { return !s.Time.IsZero() }

// The report's words for a missing value.
const (
	NotApplicable = "N/A"            // no such credential, or a key never used
	NoInformation = "no_information" // a password never used
	NotSupported  = "not_supported"  // does not apply to the root user
)

// credentialColumns are the columns IAM documents, all of which a report must have.
var credentialColumns = []string{
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used",
	"password_last_changed", "password_next_rotation", "mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
	"access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
	"access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
}

// ParseCredentialReport reads the report's CSV. Columns are found by name, so a column
// AWS adds later does no harm; a missing one, or a value of the wrong kind, is an error
// naming the row and column.
func ParseCredentialReport(content []byte) ([]CredentialRow, error) {
	r := csv.NewReader(bytes.NewReader(content))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("credential report: reading the header: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, name := range header {
		col[name] = i
	}
	for _, name := range credentialColumns {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("credential report: no %s column", name)
		}
	}
	var rows []CredentialRow
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("credential report: %w", err)
		}
		p := rowParser{rec: rec, col: col}
		row := CredentialRow{
			User:                 p.text("user"),
			ARN:                  p.text("arn"),
			Created:              p.stamp("user_creation_time").Time,
			Password:             p.flag("password_enabled"),
			PasswordLastUsed:     p.stamp("password_last_used"),
			PasswordLastChanged:  p.stamp("password_last_changed"),
			PasswordNextRotation: p.stamp("password_next_rotation"),
			MFA:                  p.flag("mfa_active"),
		}
		for i := range row.Keys {
			prefix := fmt.Sprintf("access_key_%d_", i+1)
			row.Keys[i] = AccessKeyUse{
				Active:          p.flag(prefix + "active"),
				LastRotated:     p.stamp(prefix + "last_rotated"),
				LastUsed:        p.stamp(prefix + "last_used_date"),
				LastUsedRegion:  p.optional(prefix + "last_used_region"),
				LastUsedService: p.optional(prefix + "last_used_service"),
			}
		}
		if p.err != nil {
			return nil, fmt.Errorf("credential report line %d (%s): %w", line, p.text("user"), p.err)
		}
		rows = append(rows, row)
	}
}

// rowParser reads one record's fields by column name, keeping the first error.
type rowParser struct {
	rec []string
	col map[string]int
	err error
}

func (p *rowParser) text(name string) string { return p.rec[p.col[name]] }

func (p *rowParser) fail(name, v, want string) {
	if p.err == nil {
		p.err = fmt.Errorf("%s is %q, want %s", name, v, want)
	}
}

// flag reads true or false; not_supported (the root user's password) reads as false.
func (p *rowParser) flag(name string) bool {
	switch v := p.text(name); strings.ToLower(v) {
	case "true":
		return true
	case "false", NotSupported:
		return false
	default:
		p.fail(name, v, "true or false")
		return false
	}
}

func (p *rowParser) stamp(name string) Stamp {
	v := p.text(name)
	switch v {
	case NotApplicable, NoInformation, NotSupported:
		return Stamp{Word: v}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.fail(name, v, "a date or "+NotApplicable)
	}
	return Stamp{Time: t}
}

// optional reads a text column that is N/A when there is no value.
func (p *rowParser) optional(name string) string {
	if v := p.text(name); v != NotApplicable {
		return v
	}
	return ""
}
