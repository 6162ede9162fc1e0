package identitycenter

import (
	"context"
	"errors"
	"fmt"

	"github.com/firstrun/firstrun/steps/step"
)

// adminUser finds the administrator that the admin-user step made, by the user name it
// recorded: the ID in the record is not trusted without asking AWS.
func adminUser(ctx context.Context, env *step.Env, inst Instance) (User, error) {
	name := env.Store.Document().Resource(string(stepAdminUser), "user_name")
	if name == "" {
		return User{}, errors.New("no administrator user was made: finish the step Administrator user first")
	}
	u, found, err := FindUser(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, name)
	if err != nil {
		return User{}, err
	}
	if !found {
		return User{}, fmt.Errorf("user %s is no longer in identity store %s: run the step Administrator user again", name, inst.IdentityStoreID)
	}
	return u, nil
}

// recorded returns a resource an earlier step of the chapter recorded, or fallback.
func recorded(env *step.Env, id step.ID, key, fallback string) string {
	if v := env.Store.Document().Resource(string(id), key); v != "" {
		return v
	}
	return fallback
}
