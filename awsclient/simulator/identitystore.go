package simulator

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Identity Store (the IAM Identity Center directory) speaks AWS JSON 1.1; see
// https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/.
func identityStoreService() *service {
	return newService(service{
		id: "identitystore", signingName: "identitystore", actionPrefix: "identitystore",
		protocol: jsonProtocol{targetPrefix: "AWSIdentityStore"},
		errs:     identityStoreErrors(),
	}, []operation{
		write("CreateUser", idsCreateUser),
		read("GetUserId", idsGetUserID),
		read("DescribeUser", idsDescribeUser),
		read("ListUsers", idsListUsers),
		write("CreateGroup", idsCreateGroup),
		read("GetGroupId", idsGetGroupID),
		read("DescribeGroup", idsDescribeGroup),
		read("ListGroups", idsListGroups),
		write("CreateGroupMembership", idsCreateGroupMembership),
		read("GetGroupMembershipId", idsGetGroupMembershipID),
		read("ListGroupMembershipsForMember", idsListGroupMembershipsForMember),
	}, idsGroupMemberOperations())
}

// storeUser is a user of an Identity Center directory. Invited is when an
// administrator sent the email verification or made a one-time password in
// the console; AWS sends nothing to a user created through the API.
type storeUser struct {
	ID          string     `json:"id"`
	UserName    string     `json:"user_name"`
	DisplayName string     `json:"display_name"`
	GivenName   string     `json:"given_name"`
	FamilyName  string     `json:"family_name"`
	Email       string     `json:"email,omitempty"`
	Created     time.Time  `json:"created"`
	Invited     *time.Time `json:"invited,omitempty"`
}

type storeGroup struct {
	ID          string    `json:"id"`
	DisplayName string    `json:"display_name"`
	Description string    `json:"description,omitempty"`
	Created     time.Time `json:"created"`
}

type storeMembership struct {
	ID      string    `json:"id"`
	GroupID string    `json:"group_id"`
	UserID  string    `json:"user_id"`
	Created time.Time `json:"created"`
}

// Patterns and limits of the Identity Store model (UserName,
// SensitiveStringType, GroupDisplayName).
var (
	storeUserNameRE = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`)
	storeStringRE   = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \x{a0}\x{3000}]+$`)
)

const (
	storeUserNameMax = 128
	storeStringMax   = 1024
)

// reservedStoreNames can name neither a user nor a group.
var reservedStoreNames = []string{"Administrator", "AWSAdministrators"}

func errStoreNotFound(kind, id string) *apiError {
	e := &apiError{Code: "ResourceNotFoundException", Status: 400, Message: fmt.Sprintf("%s not found.", kind)}
	e = e.field("ResourceType", kind)
	if id != "" {
		e = e.field("ResourceId", id)
	}
	return e
}

// identityStoreErrors adds Identity Store's ConflictException for concurrent writes,
// told apart from a duplicate name by its Reason.
func identityStoreErrors() serviceErrors {
	errs := jsonErrors("ThrottlingException", "InternalServerException")
	errs.concurrent = *(&apiError{Code: "ConflictException", Status: 400,
		Message: "Concurrent modification of the resource."}).field("Reason", "CONCURRENT_MODIFICATION")
	errs.notFound = apiError{Code: "ResourceNotFoundException", Status: 400, Message: "The resource could not be found."}
	return errs
}

func errStoreConflict(message string) *apiError {
	return (&apiError{Code: "ConflictException", Status: 400, Message: message}).field("Reason", "UNIQUENESS_CONSTRAINT_VIOLATION")
}

// identityStore finds one of the caller's identity stores in the Region
// called: a store lives in its instance's Region only.
func (r *request) identityStore(id string) (*ssoInstance, *apiError) {
	if id == "" {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value null at 'identityStoreId' failed to satisfy constraint: Member must not be null")
	}
	if inst := r.account().IdentityCenter[r.region]; inst != nil && inst.IdentityStoreID == id {
		inst.initStore()
		return inst, nil
	}
	return nil, errStoreNotFound("IDENTITY_STORE", id)
}

func (inst *ssoInstance) initStore() {
	if inst.Users == nil {
		inst.Users = map[string]*storeUser{}
	}
	if inst.Groups == nil {
		inst.Groups = map[string]*storeGroup{}
	}
	if inst.Memberships == nil {
		inst.Memberships = map[string]*storeMembership{}
	}
}

// newResourceID makes a user, group or membership ID in the form AWS uses
// for stores created today: the store's ten hex digits, a dash, a UUID.
func (w *world) newResourceID(storeID string) string {
	return strings.TrimPrefix(storeID, "d-") + "-" + w.newUUID()
}

// validateStoreString checks an optional attribute against the model's
// SensitiveStringType; required ones are checked for presence by the caller.
func (r *request) validateStoreString(param, v string) *apiError {
	if v == "" {
		return nil
	}
	if utf8.RuneCountInString(v) > storeStringMax || !storeStringRE.MatchString(v) {
		return r.svc.errs.validation.with("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d and match the allowed characters", param, storeStringMax)
	}
	return nil
}

func (r *request) requireStoreString(param, v string) *apiError {
	if v == "" {
		return r.svc.errs.validation.with("%s is a required attribute for a user of the Identity Center directory.", param)
	}
	return r.validateStoreString(param, v)
}

func isReservedStoreName(name string) bool {
	for _, n := range reservedStoreNames {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

type nameJSON struct {
	Formatted  string `json:"Formatted,omitempty"`
	FamilyName string `json:"FamilyName,omitempty"`
	GivenName  string `json:"GivenName,omitempty"`
}

type emailJSON struct {
	Value   string `json:"Value,omitempty"`
	Type    string `json:"Type,omitempty"`
	Primary bool   `json:"Primary,omitempty"`
}

func idsCreateUser(r *request) (any, error) {
	var in struct {
		IdentityStoreID string      `json:"IdentityStoreId"`
		UserName        string      `json:"UserName"`
		DisplayName     string      `json:"DisplayName"`
		Name            *nameJSON   `json:"Name"`
		Emails          []emailJSON `json:"Emails"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	if in.Name == nil {
		in.Name = &nameJSON{}
	}
	switch {
	case in.UserName == "" || utf8.RuneCountInString(in.UserName) > storeUserNameMax || !storeUserNameRE.MatchString(in.UserName):
		return nil, r.svc.errs.validation.with("1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length between 1 and %d and consist of letters, accents, symbols, numbers and punctuation", storeUserNameMax)
	case isReservedStoreName(in.UserName):
		return nil, r.svc.errs.validation.with("UserName %s is reserved.", in.UserName)
	case len(in.Emails) > 1:
		return nil, r.svc.errs.validation.with("1 validation error detected: Value at 'emails' failed to satisfy constraint: Member must have length less than or equal to 1")
	}
	email := ""
	if len(in.Emails) == 1 {
		email = in.Emails[0].Value
	}
	for _, check := range []*apiError{
		r.requireStoreString("DisplayName", in.DisplayName),
		r.requireStoreString("Name.GivenName", in.Name.GivenName),
		r.requireStoreString("Name.FamilyName", in.Name.FamilyName),
		r.validateStoreString("emails.value", email),
	} {
		if check != nil {
			return nil, check
		}
	}
	if inst.userNamed(in.UserName) != nil {
		return nil, errStoreConflict("Duplicate UserName")
	}
	u := &storeUser{
		ID: r.world.newResourceID(inst.IdentityStoreID), UserName: in.UserName, DisplayName: in.DisplayName,
		GivenName: in.Name.GivenName, FamilyName: in.Name.FamilyName, Email: email, Created: r.now,
	}
	inst.Users[u.ID] = u
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "UserId": u.ID}, nil
}

// userNamed finds a user by UserName, which the directory compares without
// regard to case.
func (inst *ssoInstance) userNamed(name string) *storeUser {
	for _, u := range inst.Users {
		if strings.EqualFold(u.UserName, name) {
			return u
		}
	}
	return nil
}

func (inst *ssoInstance) groupNamed(name string) *storeGroup {
	for _, g := range inst.Groups {
		if strings.EqualFold(g.DisplayName, name) {
			return g
		}
	}
	return nil
}

// alternateIdentifier is GetUserId's and GetGroupId's look-up key. Only the
// UniqueAttribute form is simulated; AttributeValue is a JSON document.
type alternateIdentifier struct {
	UniqueAttribute *struct {
		AttributePath  string          `json:"AttributePath"`
		AttributeValue json.RawMessage `json:"AttributeValue"`
	} `json:"UniqueAttribute"`
	ExternalID json.RawMessage `json:"ExternalId"`
}

// uniqueValue returns the string a look-up asks for, if its path is want.
func (r *request) uniqueValue(id alternateIdentifier, want string) (string, *apiError) {
	ua := id.UniqueAttribute
	if ua == nil {
		if len(id.ExternalID) > 0 {
			return "", errStoreNotFound("USER", "")
		}
		return "", r.svc.errs.validation.with("AlternateIdentifier must have exactly one member set.")
	}
	if !strings.EqualFold(ua.AttributePath, want) {
		return "", r.svc.errs.validation.with("Unsupported attribute path %q; the simulator looks up by %s.", ua.AttributePath, want)
	}
	var v string
	if err := json.Unmarshal(ua.AttributeValue, &v); err != nil || v == "" {
		return "", r.svc.errs.validation.with("AttributeValue must be a non-empty string.")
	}
	return v, nil
}

func idsGetUserID(r *request) (any, error) {
	var in struct {
		IdentityStoreID     string              `json:"IdentityStoreId"`
		AlternateIdentifier alternateIdentifier `json:"AlternateIdentifier"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := r.uniqueValue(in.AlternateIdentifier, "UserName")
	if aerr != nil {
		return nil, aerr
	}
	u := inst.userNamed(name)
	if u == nil {
		return nil, errStoreNotFound("USER", "")
	}
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "UserId": u.ID}, nil
}

type userJSON struct {
	IdentityStoreID string        `json:"IdentityStoreId"`
	UserID          string        `json:"UserId"`
	UserName        string        `json:"UserName"`
	DisplayName     string        `json:"DisplayName"`
	Name            nameJSON      `json:"Name"`
	Emails          []emailJSON   `json:"Emails,omitempty"`
	UserStatus      string        `json:"UserStatus"`
	CreatedAt       *epochSeconds `json:"CreatedAt"`
}

func (inst *ssoInstance) userJSON(u *storeUser) userJSON {
	out := userJSON{
		IdentityStoreID: inst.IdentityStoreID, UserID: u.ID, UserName: u.UserName, DisplayName: u.DisplayName,
		Name:       nameJSON{GivenName: u.GivenName, FamilyName: u.FamilyName, Formatted: u.GivenName + " " + u.FamilyName},
		UserStatus: "ENABLED", CreatedAt: epoch(u.Created),
	}
	if u.Email != "" {
		out.Emails = []emailJSON{{Value: u.Email, Type: "work", Primary: true}}
	}
	return out
}

func idsDescribeUser(r *request) (any, error) {
	var in struct {
		IdentityStoreID string `json:"IdentityStoreId"`
		UserID          string `json:"UserId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	u := inst.Users[in.UserID]
	if u == nil {
		return nil, errStoreNotFound("USER", in.UserID)
	}
	return inst.userJSON(u), nil
}

type storeListInput struct {
	IdentityStoreID string `json:"IdentityStoreId"`
	MaxResults      *int   `json:"MaxResults"`
	NextToken       string `json:"NextToken"`
}

func (in storeListInput) page() pageRequest {
	return pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100}
}

// byCreation orders a map's values as AWS lists them: oldest first.
func byCreation[T any](m map[string]*T, created func(*T) time.Time, id func(*T) string) []*T {
	list := make([]*T, 0, len(m))
	for _, v := range m {
		list = append(list, v)
	}
	sort.Slice(list, func(i, j int) bool {
		ci, cj := created(list[i]), created(list[j])
		if !ci.Equal(cj) {
			return ci.Before(cj)
		}
		return id(list[i]) < id(list[j])
	})
	return list
}

func (inst *ssoInstance) sortedUsers() []*storeUser {
	return byCreation(inst.Users, func(u *storeUser) time.Time { return u.Created }, func(u *storeUser) string { return u.ID })
}

func (inst *ssoInstance) sortedGroups() []*storeGroup {
	return byCreation(inst.Groups, func(g *storeGroup) time.Time { return g.Created }, func(g *storeGroup) string { return g.ID })
}

func idsListUsers(r *request) (any, error) {
	var in storeListInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, inst.sortedUsers(), in.page())
	if aerr != nil {
		return nil, aerr
	}
	users := make([]userJSON, 0, len(page))
	for _, u := range page {
		users = append(users, inst.userJSON(u))
	}
	return struct {
		Users     []userJSON `json:"Users"`
		NextToken string     `json:"NextToken,omitempty"`
	}{users, next}, nil
}

func idsCreateGroup(r *request) (any, error) {
	var in struct {
		IdentityStoreID string `json:"IdentityStoreId"`
		DisplayName     string `json:"DisplayName"`
		Description     string `json:"Description"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	for _, check := range []*apiError{
		r.requireStoreString("DisplayName", in.DisplayName),
		r.validateStoreString("description", in.Description),
	} {
		if check != nil {
			return nil, check
		}
	}
	if isReservedStoreName(in.DisplayName) {
		return nil, r.svc.errs.validation.with("DisplayName %s is reserved.", in.DisplayName)
	}
	if inst.groupNamed(in.DisplayName) != nil {
		return nil, errStoreConflict("Duplicate GroupDisplayName")
	}
	g := &storeGroup{ID: r.world.newResourceID(inst.IdentityStoreID), DisplayName: in.DisplayName, Description: in.Description, Created: r.now}
	inst.Groups[g.ID] = g
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "GroupId": g.ID}, nil
}

func idsGetGroupID(r *request) (any, error) {
	var in struct {
		IdentityStoreID     string              `json:"IdentityStoreId"`
		AlternateIdentifier alternateIdentifier `json:"AlternateIdentifier"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := r.uniqueValue(in.AlternateIdentifier, "DisplayName")
	if aerr != nil {
		return nil, aerr
	}
	g := inst.groupNamed(name)
	if g == nil {
		return nil, errStoreNotFound("GROUP", "")
	}
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "GroupId": g.ID}, nil
}

type groupJSON struct {
	IdentityStoreID string        `json:"IdentityStoreId"`
	GroupID         string        `json:"GroupId"`
	DisplayName     string        `json:"DisplayName"`
	Description     string        `json:"Description,omitempty"`
	CreatedAt       *epochSeconds `json:"CreatedAt"`
}

func (inst *ssoInstance) groupJSON(g *storeGroup) groupJSON {
	return groupJSON{IdentityStoreID: inst.IdentityStoreID, GroupID: g.ID, DisplayName: g.DisplayName,
		Description: g.Description, CreatedAt: epoch(g.Created)}
}

func idsDescribeGroup(r *request) (any, error) {
	var in struct {
		IdentityStoreID string `json:"IdentityStoreId"`
		GroupID         string `json:"GroupId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	g := inst.Groups[in.GroupID]
	if g == nil {
		return nil, errStoreNotFound("GROUP", in.GroupID)
	}
	return inst.groupJSON(g), nil
}

func idsListGroups(r *request) (any, error) {
	var in storeListInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, inst.sortedGroups(), in.page())
	if aerr != nil {
		return nil, aerr
	}
	groups := make([]groupJSON, 0, len(page))
	for _, g := range page {
		groups = append(groups, inst.groupJSON(g))
	}
	return struct {
		Groups    []groupJSON `json:"Groups"`
		NextToken string      `json:"NextToken,omitempty"`
	}{groups, next}, nil
}

type memberIDJSON struct {
	UserID string `json:"UserId"`
}

type membershipInput struct {
	IdentityStoreID string       `json:"IdentityStoreId"`
	GroupID         string       `json:"GroupId"`
	MemberID        memberIDJSON `json:"MemberId"`
}

// membershipOf finds the membership of user in group.
func (inst *ssoInstance) membershipOf(groupID, userID string) *storeMembership {
	for _, m := range inst.Memberships {
		if m.GroupID == groupID && m.UserID == userID {
			return m
		}
	}
	return nil
}

func idsCreateGroupMembership(r *request) (any, error) {
	var in membershipInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case inst.Groups[in.GroupID] == nil:
		return nil, errStoreNotFound("GROUP", in.GroupID)
	case inst.Users[in.MemberID.UserID] == nil:
		return nil, errStoreNotFound("USER", in.MemberID.UserID)
	case inst.membershipOf(in.GroupID, in.MemberID.UserID) != nil:
		return nil, errStoreConflict("Member and Group relationship already exists.")
	}
	m := &storeMembership{ID: r.world.newResourceID(inst.IdentityStoreID), GroupID: in.GroupID, UserID: in.MemberID.UserID, Created: r.now}
	inst.Memberships[m.ID] = m
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "MembershipId": m.ID}, nil
}

func idsGetGroupMembershipID(r *request) (any, error) {
	var in membershipInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	m := inst.membershipOf(in.GroupID, in.MemberID.UserID)
	if m == nil {
		return nil, errStoreNotFound("GROUP_MEMBERSHIP", "")
	}
	return map[string]string{"IdentityStoreId": inst.IdentityStoreID, "MembershipId": m.ID}, nil
}

type membershipJSON struct {
	IdentityStoreID string       `json:"IdentityStoreId"`
	MembershipID    string       `json:"MembershipId"`
	GroupID         string       `json:"GroupId"`
	MemberID        memberIDJSON `json:"MemberId"`
}

func idsListGroupMembershipsForMember(r *request) (any, error) {
	var in struct {
		storeListInput
		MemberID memberIDJSON `json:"MemberId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	if inst.Users[in.MemberID.UserID] == nil {
		return nil, errStoreNotFound("USER", in.MemberID.UserID)
	}
	var mine []*storeMembership
	for _, m := range byCreation(inst.Memberships, func(m *storeMembership) time.Time { return m.Created }, func(m *storeMembership) string { return m.ID }) {
		if m.UserID == in.MemberID.UserID {
			mine = append(mine, m)
		}
	}
	page, next, aerr := paginate(r, mine, in.page())
	if aerr != nil {
		return nil, aerr
	}
	out := make([]membershipJSON, 0, len(page))
	for _, m := range page {
		out = append(out, membershipJSON{IdentityStoreID: inst.IdentityStoreID, MembershipID: m.ID, GroupID: m.GroupID, MemberID: memberIDJSON{UserID: m.UserID}})
	}
	return struct {
		GroupMemberships []membershipJSON `json:"GroupMemberships"`
		NextToken        string           `json:"NextToken,omitempty"`
	}{out, next}, nil
}
