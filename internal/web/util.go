package web

import (
	"encoding/json"
	"errors"
	"fmt"
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
