package simulator

import "time"

// idsGroupMemberOperations read a group's members: what an audit looks at when it has no
// administrator's name to look for.
func idsGroupMemberOperations() []operation {
	return []operation{
		read("ListGroupMemberships", idsListGroupMemberships),
	}
}

func idsListGroupMemberships(r *request) (any, error) {
	var in struct {
		storeListInput
		GroupID string `json:"GroupId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.identityStore(in.IdentityStoreID)
	if aerr != nil {
		return nil, aerr
	}
	if inst.Groups[in.GroupID] == nil {
		return nil, errStoreNotFound("GROUP", in.GroupID)
	}
	var members []*storeMembership
	for _, m := range byCreation(inst.Memberships, func(m *storeMembership) time.Time { return m.Created }, func(m *storeMembership) string { return m.ID }) {
		if m.GroupID == in.GroupID {
			members = append(members, m)
		}
	}
	page, next, aerr := paginate(r, members, in.page())
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
