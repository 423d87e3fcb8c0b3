package hindsight

import (
	"strings"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/trustelem/zxcvbn"
)

// MinPasswordLen is the shortest password accepted. Length beats
// composition rules; guessable passwords are refused by strength instead.
const MinPasswordLen = 10

// passwordParams are OWASP's recommended argon2id settings (19 MiB, two
// passes, one thread): costly for an attacker's hardware, yet cheap enough
// in memory that a burst of sign-ins cannot exhaust the server.
var passwordParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// dummyHash is compared against when an account does not exist, so a
// failed sign-in takes as long whether or not the address has an account.
var dummyHash, _ = argon2id.CreateHash("not a password anyone has", passwordParams)

// checkPasswordStrength refuses a password that is short or easy to guess
// (common passwords, keyboard walks, dates, the user's own name or
// address), naming the field.
func checkPasswordStrength(field, password string, userInputs ...string) error {
	switch {
	case !utf8.ValidString(password):
		return Invalid(field, "is not valid UTF-8 text")
	case utf8.RuneCountInString(password) < MinPasswordLen:
		return Invalid(field, "must be at least %d characters", MinPasswordLen)
	case len(password) > 1024:
		return Invalid(field, "must be at most 1024 bytes")
	}
	var inputs []string
	for _, s := range userInputs {
		s = strings.ToLower(s)
		local, _, _ := strings.Cut(s, "@")
		inputs = append(inputs, local, strings.ReplaceAll(local, ".", ""), strings.ReplaceAll(s, " ", ""))
		inputs = append(inputs, strings.Fields(strings.NewReplacer("@", " ", ".", " ").Replace(s))...)
	}
	if zxcvbn.PasswordStrength(password, inputs).Score < 3 {
		return Invalid(field, "is too easy to guess: it is a common password or built from words, names, dates or keyboard patterns; a few unrelated words together are strong and easy to remember")
	}
	return nil
}

// hashPassword hashes a password with argon2id.
func hashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, passwordParams)
}

// passwordMatches compares in constant time; an empty hash (no password
// set) never matches but costs the same.
func passwordMatches(password, hash string) bool {
	if hash == "" {
		argon2id.ComparePasswordAndHash(password, dummyHash)
		return false
	}
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	return err == nil && ok
}
