package simulator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// The access portal answers at each address AWS gives it: its d- address (only for a d-
// identity store ID), its custom subdomain once chosen, and its dual-stack ssoins- address
// in its own Region. Device sign-in starts at any of them and at no other.
func TestThePortalAnswersAtEachOfItsAddresses(t *testing.T) {
	for _, uuid := range []bool{false, true} {
		sim, cfg := start(t, simulator.Options{UUIDIdentityStores: uuid})
		ic, err := sim.Console().EnableIdentityCenter("eu-west-1")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.HasPrefix(ic.IdentityStoreID, "d-"); got == uuid {
			t.Fatalf("UUID stores %v: identity store ID %s", uuid, ic.IdentityStoreID)
		}
		oidc := ssooidc.NewFromConfig(cfg, func(o *ssooidc.Options) { o.Region = "eu-west-1" })
		ctx := context.Background()
		client, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("firstrun"), ClientType: aws.String("public")})
		if err != nil {
			t.Fatal(err)
		}
		starts := func(url string) bool {
			_, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
				ClientId: client.ClientId, ClientSecret: client.ClientSecret, StartUrl: aws.String(url)})
			if err != nil {
				requireType[*types.InvalidRequestException](t, err)
			}
			return err == nil
		}
		id := ic.InstanceARN[strings.LastIndex(ic.InstanceARN, "/")+1:]
		for url, want := range map[string]bool{
			"https://" + ic.IdentityStoreID + ".awsapps.com/start": !uuid,
			"https://" + id + ".portal.eu-west-1.app.aws":          true,
			"https://" + id + ".portal.eu-west-1.app.aws/":         true,
			"https://" + id + ".portal.us-east-1.app.aws":          false,
			"https://example-corp.awsapps.com/start":               false,
		} {
			if got := starts(url); got != want {
				t.Errorf("UUID stores %v: %s starts a sign-in: %v, want %v", uuid, url, got, want)
			}
		}
		if err := sim.Console().CustomizePortalURL("eu-west-1", "example-corp"); err != nil {
			t.Fatal(err)
		}
		if !starts("https://example-corp.awsapps.com/start") {
			t.Errorf("UUID stores %v: the custom address does not start a sign-in", uuid)
		}
		if err := sim.Console().CustomizePortalURL("eu-west-1", "other"); err == nil {
			t.Errorf("UUID stores %v: the portal's address was customized twice", uuid)
		}
	}
}
