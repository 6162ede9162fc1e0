package simulator

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
)

// Alphabets of AWS identifiers.
const (
	base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"     // access keys, IAM unique IDs
	lowerAlnum  = "abcdefghijklmnopqrstuvwxyz0123456789" // organization, root and request IDs
	lowerHex    = "0123456789abcdef"                     // Identity Center instance and store IDs
	digits      = "0123456789"                           // account IDs
)

// newID returns n characters from alphabet, derived from the world's seed and
// a counter, so that a scenario always produces the same IDs in the same
// order (stable demos and test output) and a restart never repeats one. IDs
// are not secrets; secrets come from newSecret.
func (w *world) newID(alphabet string, n int) string {
	w.Seq++
	out := make([]byte, 0, n)
	for block := uint64(0); len(out) < n; block++ {
		var ctr [16]byte
		binary.BigEndian.PutUint64(ctr[:8], w.Seq)
		binary.BigEndian.PutUint64(ctr[8:], block)
		sum := sha256.Sum256(append([]byte(w.Seed), ctr[:]...))
		for _, b := range sum {
			if len(out) == n {
				break
			}
			out = append(out, alphabet[int(b)%len(alphabet)])
		}
	}
	return string(out)
}

// newAccountID returns an unused 12-digit account ID that does not start
// with 0, as real ones rarely do.
func (w *world) newAccountID() string {
	for {
		id := w.newID(digits, 12)
		if id[0] != '0' && w.Accounts[id] == nil {
			return id
		}
	}
}

// newSecret returns n random bytes as unpadded base64, for secret access keys
// and session tokens.
func newSecret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error (it crashes instead)
	return base64.RawStdEncoding.EncodeToString(b)
}

// newRequestID returns a random UUID, the form of AWS request IDs.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
