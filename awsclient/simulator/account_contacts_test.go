package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/account/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestAlternateContacts(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := account.NewFromConfig(cfg)
	ctx := context.Background()

	_, err := client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: types.AlternateContactTypeSecurity})
	requireCode(t, err, "ResourceNotFoundException")
	requireType[*types.ResourceNotFoundException](t, err)
	requireStatus(t, err, 404)

	put := func(email, phone, name, title string) error {
		_, err := client.PutAlternateContact(ctx, &account.PutAlternateContactInput{
			AlternateContactType: types.AlternateContactTypeSecurity,
			EmailAddress:         aws.String(email), PhoneNumber: aws.String(phone), Name: aws.String(name), Title: aws.String(title),
		})
		return err
	}
	for _, bad := range [][4]string{
		{"not-an-email", "+1 206 555 0100", "Sam", "CISO"},
		{"sec@example.com", "call me", "Sam", "CISO"},
		{"sec@example.com", "+1 206 555 0100", "", "CISO"},
		{"sec@example.com", "+1 206 555 0100", "Sam", ""},
	} {
		err := put(bad[0], bad[1], bad[2], bad[3])
		requireCode(t, err, "ValidationException")
		requireType[*types.ValidationException](t, err)
		requireStatus(t, err, 400)
	}
	sim.ResetCalls()
	if err := put("security@example.com", "+1 (206) 555-0100", "Sam Lee", "Security lead"); err != nil {
		t.Fatal(err)
	}
	if calls := sim.Calls(); len(calls) != 1 || !calls[0].Mutating || calls[0].Operation != "PutAlternateContact" {
		t.Errorf("calls %+v", calls)
	}
	got, err := client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: types.AlternateContactTypeSecurity})
	if err != nil {
		t.Fatal(err)
	}
	c := got.AlternateContact
	if c.AlternateContactType != types.AlternateContactTypeSecurity || aws.ToString(c.EmailAddress) != "security@example.com" ||
		aws.ToString(c.PhoneNumber) != "+1 (206) 555-0100" || aws.ToString(c.Name) != "Sam Lee" || aws.ToString(c.Title) != "Security lead" {
		t.Errorf("GetAlternateContact = %+v", c)
	}
	_, err = client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: types.AlternateContactTypeBilling})
	requireCode(t, err, "ResourceNotFoundException")
	_, err = client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AccountId: aws.String("111122223333"), AlternateContactType: types.AlternateContactTypeBilling})
	requireCode(t, err, "AccessDeniedException")
}
