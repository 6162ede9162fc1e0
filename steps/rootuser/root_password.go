package rootuser

// RootPasswordRules are AWS's rules for the root user's password, which no account
// password policy changes.
const RootPasswordRules = "8 to 128 characters, with at least three of: upper case letters, lower case " +
	"letters, numbers and symbols; not the account's name or email address"
