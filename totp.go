package hindsight

import (
	"context"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// totpMatches checks a six-digit code against the secret, allowing one
// 30-second step of clock drift either way.
func totpMatches(code, secret string, now time.Time) bool {
	if secret == "" || len(code) != 6 {
		return false
	}
	ok, err := totp.ValidateCustom(code, secret, now, totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	return err == nil && ok
}

// NewTOTPKey makes a new authenticator secret for the signed-in user to
// scan. Nothing is stored until ConfirmTOTP proves the app has it.
func (s *Service) NewTOTPKey(ctx context.Context, issuer string) (*otp.Key, error) {
	me, err := s.Me(ctx)
	if err != nil {
		return nil, err
	}
	return totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: me.Email})
}

// ConfirmTOTP turns on the second factor with the secret NewTOTPKey made,
// once the user types a current code from their app.
func (s *Service) ConfirmTOTP(ctx context.Context, secret, code string) error {
	me, err := s.Me(ctx)
	if err != nil {
		return err
	}
	if !totpMatches(code, secret, s.Now()) {
		return Invalid("code", "is not the current code of your authenticator app: check its clock and scan the code again")
	}
	c, err := s.store.Credentials(ctx, me.ID)
	if err != nil {
		return err
	}
	c.TOTPSecret = secret
	who, _ := PrincipalFrom(ctx)
	return s.store.SetCredentials(ctx, me.ID, c, s.event(who, "user.totp", me.Email, "second factor turned on"))
}

// DisableTOTP turns the second factor off after checking the password (for
// accounts with one) or a current code.
func (s *Service) DisableTOTP(ctx context.Context, password, code string) error {
	me, err := s.Me(ctx)
	if err != nil {
		return err
	}
	c, err := s.store.Credentials(ctx, me.ID)
	if err != nil {
		return err
	}
	if !passwordMatches(password, c.PasswordHash) && !totpMatches(code, c.TOTPSecret, s.Now()) {
		return Invalid("password", "give your password or a current authenticator code to turn the second factor off")
	}
	c.TOTPSecret = ""
	who, _ := PrincipalFrom(ctx)
	return s.store.SetCredentials(ctx, me.ID, c, s.event(who, "user.totp", me.Email, "second factor turned off"))
}
