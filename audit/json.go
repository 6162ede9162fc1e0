package audit

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the audit of one account as a JSON object, or, when many is set
// (--profiles, --org), the audits of every account as an array of them, even of one.
func WriteJSON(w io.Writer, results []Result, many bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if many || len(results) != 1 {
		return enc.Encode(results)
	}
	return enc.Encode(results[0])
}
