package simulator

import (
	"regexp"
	"unicode/utf8"
)

func accountAlternateContactOperations() []operation {
	return []operation{
		read("GetAlternateContact", accountGetAlternateContact).at("POST /getAlternateContact"),
		write("PutAlternateContact", accountPutAlternateContact).at("POST /putAlternateContact"),
	}
}

// Constraints of the Account API model (EmailAddress, PhoneNumber, Name,
// Title shapes).
var (
	contactEmailRE = regexp.MustCompile(`^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$`)
	contactPhoneRE = regexp.MustCompile(`^[\s0-9()+-]+$`)
)

func validContactType(t string) bool {
	return t == "BILLING" || t == "OPERATIONS" || t == "SECURITY"
}

type getAlternateContactOutput struct {
	AlternateContact *alternateContact `json:"AlternateContact"`
}

func accountGetAlternateContact(r *request) (any, error) {
	var in struct {
		AccountID string `json:"AccountId"`
		Type      string `json:"AlternateContactType"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if !validContactType(in.Type) {
		return nil, r.contactValidation("AlternateContactType", "Member must satisfy enum value set: [BILLING, OPERATIONS, SECURITY]")
	}
	a, aerr := r.targetAccount(in.AccountID)
	if aerr != nil {
		return nil, aerr
	}
	c := a.AlternateContacts[in.Type]
	if c == nil {
		return nil, &apiError{Code: "ResourceNotFoundException", Status: 404, Message: "No contact of the inputted alternate contact type found."}
	}
	return getAlternateContactOutput{AlternateContact: c}, nil
}

func accountPutAlternateContact(r *request) (any, error) {
	var in struct {
		AccountID string `json:"AccountId"`
		alternateContact
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	c := in.alternateContact
	for _, check := range []struct {
		field, value string
		max          int
		re           *regexp.Regexp
	}{
		{"EmailAddress", c.EmailAddress, 254, contactEmailRE},
		{"Name", c.Name, 64, nil},
		{"PhoneNumber", c.PhoneNumber, 25, contactPhoneRE},
		{"Title", c.Title, 50, nil},
	} {
		n := utf8.RuneCountInString(check.value)
		switch {
		case n < 1 || n > check.max:
			return nil, r.contactValidation(check.field, "Member must have length between 1 and %d", check.max)
		case check.re != nil && !check.re.MatchString(check.value):
			return nil, r.contactValidation(check.field, "Member must satisfy regular expression pattern: %s", check.re)
		}
	}
	if !validContactType(c.AlternateContactType) {
		return nil, r.contactValidation("AlternateContactType", "Member must satisfy enum value set: [BILLING, OPERATIONS, SECURITY]")
	}
	a, aerr := r.targetAccount(in.AccountID)
	if aerr != nil {
		return nil, aerr
	}
	if a.AlternateContacts == nil {
		a.AlternateContacts = map[string]*alternateContact{}
	}
	a.AlternateContacts[c.AlternateContactType] = &c
	return nil, nil
}

// contactValidation is the Account API's ValidationException for one field,
// with the fieldList and reason members its model gives it. The value is
// left out of the message: the model marks contact fields sensitive.
func (r *request) contactValidation(field, constraint string, args ...any) *apiError {
	return r.svc.errs.validation.with("Invalid request body: "+field+": "+constraint, args...).
		field("reason", "fieldValidationFailed")
}
