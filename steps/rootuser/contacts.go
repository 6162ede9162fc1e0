// Package rootuser holds the steps that secure the root user: the contact details AWS
// uses to let the owner back in, root MFA, the root password, and the root user's access
// keys, found early and removed last.
package rootuser

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/account/types"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/validate"
)

// ContactType is one of the three alternate contacts.
type ContactType = types.AlternateContactType

// ContactTypes are the alternate contacts, in the order the console lists them.
var ContactTypes = []ContactType{types.AlternateContactTypeBilling, types.AlternateContactTypeOperations, types.AlternateContactTypeSecurity}

// ContactPurpose says who AWS reaches through each alternate contact.
func ContactPurpose(t ContactType) string {
	switch t {
	case types.AlternateContactTypeBilling:
		return "bills and payments"
	case types.AlternateContactTypeOperations:
		return "service events that need action"
	case types.AlternateContactTypeSecurity:
		return "security issues, such as exposed keys"
	}
	return ""
}

// Contact is one alternate contact.
type Contact struct {
	Name, Title, Email, Phone string
}

// normalized trims what the operator typed around the values.
func (c Contact) normalized() Contact {
	return Contact{strings.TrimSpace(c.Name), strings.TrimSpace(c.Title), strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)}
}

// PrimaryContact is the account's primary contact, the owner's details.
type PrimaryContact struct {
	FullName, Company, Phone, Country string
}

// Contacts is what the account has.
type Contacts struct {
	// Primary is nil when AWS has no primary contact for the account.
	Primary *PrimaryContact
	// Alternate holds the alternate contacts that are set.
	Alternate map[ContactType]Contact
}

// ReadContacts reads the primary and alternate contacts, changing nothing.
func ReadContacts(ctx context.Context, api awsclient.AccountAPI) (Contacts, error) {
	c := Contacts{Alternate: map[ContactType]Contact{}}
	info, err := api.GetContactInformation(ctx, &account.GetContactInformationInput{})
	switch {
	case awsclient.IsNotFound(err):
	case err != nil:
		return c, err
	default:
		ci := info.ContactInformation
		c.Primary = &PrimaryContact{
			FullName: aws.ToString(ci.FullName), Company: aws.ToString(ci.CompanyName),
			Phone: aws.ToString(ci.PhoneNumber), Country: aws.ToString(ci.CountryCode),
		}
	}
	c.Alternate, err = readAlternateContacts(ctx, api)
	return c, err
}

// readAlternateContacts reads the alternate contacts that are set.
func readAlternateContacts(ctx context.Context, api awsclient.AccountAPI) (map[ContactType]Contact, error) {
	set := map[ContactType]Contact{}
	for _, t := range ContactTypes {
		out, err := api.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: t})
		if awsclient.IsNotFound(err) {
			continue
		}
		if err != nil {
			return set, err
		}
		a := out.AlternateContact
		set[t] = Contact{
			Name: aws.ToString(a.Name), Title: aws.ToString(a.Title),
			Email: aws.ToString(a.EmailAddress), Phone: aws.ToString(a.PhoneNumber),
		}
	}
	return set, nil
}

// Missing lists the alternate contacts the account does not have, in order.
func (c Contacts) Missing() []ContactType {
	var out []ContactType
	for _, t := range ContactTypes {
		if _, set := c.Alternate[t]; !set {
			out = append(out, t)
		}
	}
	return out
}

// setTypes lists the alternate contacts the account has, for the checkpoint.
func (c Contacts) setTypes() string {
	var set []ContactType
	for _, t := range ContactTypes {
		if _, ok := c.Alternate[t]; ok {
			set = append(set, t)
		}
	}
	return joinTypes(set)
}

// joinTypes lists contact types as the checkpoint keeps them: "BILLING,SECURITY".
func joinTypes(ts []ContactType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = string(t)
	}
	return strings.Join(names, ",")
}

// ContactsInput is what the operator answers on the contacts step.
type ContactsInput struct {
	// Reachable is the operator's word that the root email address and the phone number
	// reach them: they are how AWS lets the owner back in when the MFA device is lost.
	Reachable bool
	Alternate map[ContactType]Contact
}

// NewContactsInput proposes what the account has: every field prefilled.
func NewContactsInput(found Contacts) ContactsInput {
	in := ContactsInput{Reachable: true, Alternate: map[ContactType]Contact{}}
	for _, t := range ContactTypes {
		in.Alternate[t] = found.Alternate[t]
	}
	return in
}

// The Account API's limits for alternate contacts (its EmailAddress, PhoneNumber, Name and
// Title shapes), checked at the field so AWS never refuses what the form accepted.
var (
	phoneRE = regexp.MustCompile(`^[\s0-9()+-]+$`)
)

// ValidateName checks a contact's name.
func ValidateName(s string) error { return required(s, 64, "a name") }

// ValidateTitle checks a contact's title.
func ValidateTitle(s string) error {
	return required(s, 50, "a title, such as Finance or Security lead")
}

// ValidateEmail checks a contact's email address.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if err := required(s, 254, "an email address"); err != nil {
		return err
	}
	return validate.Email(s)
}

// ValidatePhone checks a contact's phone number.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if err := required(s, 25, "a phone number"); err != nil {
		return err
	}
	if !phoneRE.MatchString(s) || !strings.ContainsAny(s, "0123456789") {
		return errors.New("use digits, spaces and + ( ) - only, for example +1 206 555 0100")
	}
	return nil
}

func required(s string, limit int, what string) error {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return errors.New("enter " + what)
	case n > limit:
		return errors.New("at most " + strconv.Itoa(limit) + " characters")
	}
	return nil
}

// validateContact checks every field of a contact to be written, as the form does.
func validateContact(t ContactType, c Contact) error {
	for _, err := range []error{ValidateName(c.Name), ValidateTitle(c.Title), ValidateEmail(c.Email), ValidatePhone(c.Phone)} {
		if err != nil {
			return errors.New(strings.ToLower(string(t)) + " contact: " + err.Error())
		}
	}
	return nil
}

// Changed lists the alternate contacts the input changes, in order. A contact the input
// leaves out is left as it is.
func Changed(found Contacts, in ContactsInput) []ContactType {
	var out []ContactType
	for _, t := range ContactTypes {
		want, given := in.Alternate[t]
		if !given {
			continue
		}
		old, set := found.Alternate[t]
		if !set || old.normalized() != want.normalized() {
			out = append(out, t)
		}
	}
	return out
}

// ApplyContacts writes the alternate contacts the input changes, and only those.
func ApplyContacts(ctx context.Context, api awsclient.AccountAPI, found Contacts, in ContactsInput) ([]ContactType, error) {
	changed := Changed(found, in)
	// Only what is written is checked: a contact kept as AWS has it is AWS's to accept.
	for _, t := range changed {
		if err := validateContact(t, in.Alternate[t]); err != nil {
			return nil, err
		}
	}
	var written []ContactType
	for _, t := range changed {
		c := in.Alternate[t].normalized()
		if _, err := api.PutAlternateContact(ctx, &account.PutAlternateContactInput{
			AlternateContactType: t, Name: aws.String(c.Name), Title: aws.String(c.Title),
			EmailAddress: aws.String(c.Email), PhoneNumber: aws.String(c.Phone),
		}); err != nil {
			return written, err
		}
		written = append(written, t)
	}
	return written, nil
}
