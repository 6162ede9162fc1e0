package simulator

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

func iamUserOperations() []operation {
	return []operation{
		write("CreateUser", iamCreateUser),
		read("GetUser", iamGetUser),
		read("ListUsers", iamListUsers),
	}
}

// Patterns of the IAM model (userNameType, pathType, pathPrefixType).
var (
	iamNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	iamPathRE = regexp.MustCompile(`^(/|/[\x{21}-\x{7E}]+/)$`)
)

// userXML is IAM's User shape. The root user has no Path or UserName.
type userXML struct {
	Path       string `xml:",omitempty"`
	UserName   string `xml:",omitempty"`
	UserID     string `xml:"UserId"`
	Arn        string
	CreateDate time.Time
}

func (a *account) userXML(u *iamUser) userXML {
	return userXML{
		Path: u.Path, UserName: u.Name, UserID: u.ID,
		Arn:        a.arn("iam", "user"+u.Path+u.Name),
		CreateDate: iamTime(u.Created),
	}
}

type userResult struct {
	User userXML
}

func (r *request) validateName(param, v string) *apiError {
	if !iamNameRE.MatchString(v) {
		return r.svc.errs.validation.with("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", v, param)
	}
	return nil
}

func iamCreateUser(r *request) (any, error) {
	name, path := r.form.Get("UserName"), r.form.Get("Path")
	if path == "" {
		path = "/"
	}
	if aerr := r.validateName("userName", name); aerr != nil {
		return nil, aerr
	}
	if len(path) > 512 || !iamPathRE.MatchString(path) {
		return nil, r.svc.errs.validation.with("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	a := r.account()
	if a.user(name) != nil {
		return nil, errEntityAlreadyExists("User with name %s already exists.", name)
	}
	u := r.world.addUser(a, name, path, iamTime(r.now))
	return userResult{User: a.userXML(u)}, nil
}

func iamGetUser(r *request) (any, error) {
	a := r.account()
	name := r.form.Get("UserName")
	if name == "" {
		switch r.caller.Kind {
		case kindRoot:
			return userResult{User: userXML{UserID: a.ID, Arn: r.caller.arn(), CreateDate: iamTime(a.Created)}}, nil
		case kindUser:
			name = r.caller.Name
		case kindRole:
			return nil, r.svc.errs.validation.with("Must specify userName when calling with non-User credentials")
		}
	}
	if aerr := r.validateName("userName", name); aerr != nil {
		return nil, aerr
	}
	u := a.user(name)
	if u == nil {
		return nil, errNoSuchEntity("The user with name %s cannot be found.", name)
	}
	return userResult{User: a.userXML(u)}, nil
}

type listUsersResult struct {
	Users       xmlList[userXML]
	IsTruncated bool
	Marker      string `xml:",omitempty"`
}

func iamListUsers(r *request) (any, error) {
	prefix := r.form.Get("PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	a := r.account()
	var users []*iamUser
	for _, u := range a.IAM.Users {
		if strings.HasPrefix(u.Path, prefix) {
			users = append(users, u)
		}
	}
	sort.Slice(users, func(i, j int) bool { return strings.ToLower(users[i].Name) < strings.ToLower(users[j].Name) })
	page, next, aerr := paginate(r, users, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listUsersResult{IsTruncated: next != "", Marker: next}
	for _, u := range page {
		out.Users.Members = append(out.Users.Members, a.userXML(u))
	}
	return out, nil
}
