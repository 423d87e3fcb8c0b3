package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"hindsight"
)

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func humanBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

func asValidation(err error) *hindsight.ValidationError {
	var v *hindsight.ValidationError
	if errors.As(err, &v) {
		return v
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// seeOther answers a form that was carried out (err nil) by sending the
// browser to a page that says so, or with the error.
func (h *Handler) seeOther(w http.ResponseWriter, r *http.Request, err error, to string) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
