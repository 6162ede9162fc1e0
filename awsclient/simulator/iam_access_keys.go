package simulator

import (
	"slices"
	"time"
)

func iamAccessKeyOperations() []operation {
	return []operation{
		write("CreateAccessKey", iamCreateAccessKey),
		read("ListAccessKeys", iamListAccessKeys),
		write("DeleteAccessKey", iamDeleteAccessKey),
	}
}

// maxAccessKeysPerUser is IAM's AccessKeysPerUserQuota, which holds for the
// root user too.
const maxAccessKeysPerUser = 2

// accessKeysOf finds the keys a call acts on: the named user's, the calling
// user's, or (with no UserName from the root user) the root user's. name is
// "" for the root user.
func (r *request) accessKeysOf() (keys *[]accessKey, name string, aerr *apiError) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, "", aerr
	}
	if u == nil {
		return &r.account().Root.AccessKeys, "", nil
	}
	return &u.AccessKeys, u.Name, nil
}

type accessKeyXML struct {
	UserName        string `xml:",omitempty"`
	AccessKeyID     string `xml:"AccessKeyId"`
	Status          string
	SecretAccessKey string `xml:",omitempty"`
	CreateDate      time.Time
}

type createAccessKeyResult struct {
	AccessKey accessKeyXML
}

// The secret goes to the vault and into this one answer, never to the world.
func iamCreateAccessKey(r *request) (any, error) {
	keys, name, aerr := r.accessKeysOf()
	if aerr != nil {
		return nil, aerr
	}
	if len(*keys) >= maxAccessKeysPerUser {
		return nil, &apiError{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for AccessKeysPerUser: 2"}
	}
	k := accessKey{ID: "AKIA" + r.world.newID(base32Upper, 16), Status: "Active", Created: iamTime(r.now)}
	*keys = append(*keys, k)
	secret := newSecret(30)
	r.vault.secretKeys[k.ID] = secret
	return createAccessKeyResult{AccessKey: accessKeyXML{
		UserName: name, AccessKeyID: k.ID, Status: k.Status, SecretAccessKey: secret, CreateDate: k.Created,
	}}, nil
}

type listAccessKeysResult struct {
	AccessKeyMetadata xmlList[accessKeyXML]
	IsTruncated       bool
	Marker            string `xml:",omitempty"`
}

func iamListAccessKeys(r *request) (any, error) {
	keys, name, aerr := r.accessKeysOf()
	if aerr != nil {
		return nil, aerr
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, *keys, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listAccessKeysResult{IsTruncated: next != "", Marker: next}
	for _, k := range page {
		out.AccessKeyMetadata.Members = append(out.AccessKeyMetadata.Members,
			accessKeyXML{UserName: name, AccessKeyID: k.ID, Status: k.Status, CreateDate: iamTime(k.Created)})
	}
	return out, nil
}

// Deleting the key a request was signed with succeeds; the next request
// signed with it fails, as in AWS.
func iamDeleteAccessKey(r *request) (any, error) {
	keys, _, aerr := r.accessKeysOf()
	if aerr != nil {
		return nil, aerr
	}
	id, aerr := r.required("AccessKeyId")
	if aerr != nil {
		return nil, aerr
	}
	i := slices.IndexFunc(*keys, func(k accessKey) bool { return k.ID == id })
	if i < 0 {
		return nil, errNoSuchEntity("The Access Key with id %s cannot be found.", id)
	}
	*keys = slices.Delete(*keys, i, i+1)
	delete(r.vault.secretKeys, id)
	return nil, nil
}
