package identitycenter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// CLIProfile is an AWS CLI v2 profile that signs in through IAM Identity Center with an
// sso-session section, the form `aws configure sso` writes. It holds no secret: the CLI
// gets its tokens at `aws sso login`.
type CLIProfile struct {
	Name      string // of the profile and of its sso-session
	StartURL  string
	SSORegion string // where Identity Center lives
	AccountID string
	RoleName  string // the permission set
	Region    string // the default Region for commands
}

var profileNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidateProfileName checks a name for the profile and its sso-session.
func ValidateProfileName(s string) error {
	switch {
	case strings.EqualFold(s, "default"):
		return errors.New("choose a name other than default, so that your default profile stays as it is")
	case !profileNamePattern.MatchString(s):
		return errors.New("use 1 to 64 letters, digits, dots, dashes and underscores, starting with a letter or digit")
	}
	return nil
}

// headers are the two section headers firstrun owns in the file.
func (p CLIProfile) headers() (profile, session string) {
	return "[profile " + p.Name + "]", "[sso-session " + p.Name + "]"
}

func (p CLIProfile) profileSection(nl string) string {
	profile, _ := p.headers()
	return strings.Join([]string{profile,
		"sso_session = " + p.Name,
		"sso_account_id = " + p.AccountID,
		"sso_role_name = " + p.RoleName,
		"region = " + p.Region,
	}, nl) + nl
}

func (p CLIProfile) sessionSection(nl string) string {
	_, session := p.headers()
	return strings.Join([]string{session,
		"sso_start_url = " + p.StartURL,
		"sso_region = " + p.SSORegion,
		"sso_registration_scopes = sso:account:access",
	}, nl) + nl
}

// Sections is the text firstrun writes, as the preview shows it.
func (p CLIProfile) Sections() string { return p.profileSection("\n") + "\n" + p.sessionSection("\n") }

// ConfigPath is the file the AWS CLI reads its profiles from: $AWS_CONFIG_FILE, else
// ~/.aws/config.
func ConfigPath() (string, error) {
	if p := os.Getenv("AWS_CONFIG_FILE"); p != "" {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the AWS CLI configuration: %w", err)
	}
	return filepath.Join(home, ".aws", "config"), nil
}

// ProfileChange is what writing a profile does to the configuration file.
type ProfileChange struct {
	Path   string
	Exists bool // the file exists, so a backup is made first
	// Replaced are the headers of sections that exist and are rewritten in place; the
	// others are added at the end.
	Replaced []string
	before   []byte
	after    []byte
	mode     fs.FileMode
}

// PlanProfile reads the configuration file at path and works out its new content: the
// profile's two sections are rewritten where they are or added at the end, and every
// other byte stays as it was.
func PlanProfile(path string, p CLIProfile) (ProfileChange, error) {
	c := ProfileChange{Path: path, mode: 0o600}
	before, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return c, fmt.Errorf("read %s: %w", path, err)
	default:
		c.Exists, c.before = true, before
		if info, err := os.Stat(path); err == nil {
			c.mode = info.Mode().Perm()
		}
	}
	nl := "\n"
	if bytes.Contains(before, []byte("\r\n")) {
		nl = "\r\n"
	}
	profile, session := p.headers()
	after := before
	var missing []string
	for _, s := range []struct{ header, text string }{{profile, p.profileSection(nl)}, {session, p.sessionSection(nl)}} {
		start, end, found := findSection(after, s.header)
		if !found {
			missing = append(missing, s.text)
			continue
		}
		c.Replaced = append(c.Replaced, s.header)
		after = append(append(append([]byte{}, after[:start]...), s.text...), after[end:]...)
	}
	for _, text := range missing {
		if len(after) > 0 && !bytes.HasSuffix(after, []byte("\n")) {
			after = append(after, nl...)
		}
		if len(after) > 0 {
			after = append(after, nl...)
		}
		after = append(after, text...)
	}
	c.after = after
	return c, nil
}

// Unchanged reports whether the file already holds the profile exactly.
func (c ProfileChange) Unchanged() bool { return c.Exists && bytes.Equal(c.before, c.after) }

// findSection locates the section with header in config: from its header line to the
// next header, leaving out the blank and comment lines just before that next header,
// which belong to what follows.
func findSection(config []byte, header string) (start, end int, found bool) {
	want := normalizeHeader(header)
	offset, inSection, lastContent := 0, false, 0
	for _, line := range bytes.SplitAfter(config, []byte("\n")) {
		text := strings.TrimSpace(string(line))
		isHeader := strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]")
		switch {
		case inSection && isHeader:
			return start, lastContent, true
		case isHeader && normalizeHeader(text) == want:
			start, inSection, lastContent = offset, true, offset+len(line)
		case inSection && text != "" && !strings.HasPrefix(text, "#") && !strings.HasPrefix(text, ";"):
			lastContent = offset + len(line)
		}
		offset += len(line)
	}
	if inSection {
		return start, lastContent, true
	}
	return 0, 0, false
}

// normalizeHeader collapses the spaces inside a header, as the CLI reads it.
func normalizeHeader(h string) string {
	return "[" + strings.Join(strings.Fields(strings.Trim(h, "[]")), " ") + "]"
}

// Write saves the new content. An existing file is first copied to a backup beside it
// (returned), then replaced atomically, keeping its permissions.
func (c ProfileChange) Write(now time.Time) (backup string, err error) {
	if c.Unchanged() {
		return "", nil
	}
	dir := filepath.Dir(c.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	if c.Exists {
		if backup, err = writeBackup(c.Path, c.before, c.mode, now); err != nil {
			return "", err
		}
	}
	tmp, err := os.CreateTemp(dir, ".config-firstrun-*")
	if err != nil {
		return backup, fmt.Errorf("write %s: %w", c.Path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	_, err = tmp.Write(c.after)
	if err == nil {
		err = tmp.Chmod(c.mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.Path)
	}
	if err != nil {
		return backup, fmt.Errorf("write %s: %w", c.Path, err)
	}
	return backup, nil
}

// writeBackup copies the original file to a new name beside it, never over another file.
func writeBackup(path string, data []byte, mode fs.FileMode, now time.Time) (string, error) {
	base := path + ".firstrun-backup-" + now.Format("20060102-150405")
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("back up %s: %w", path, err)
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("back up %s: %w", path, err)
		}
		return name, nil
	}
}
