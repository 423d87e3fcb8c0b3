package hindsight_test

import (
	"testing"

	"hindsight"
	"hindsight/internal/enginetest"
)

// onEngines runs a service test on SQLite and on PostgreSQL; each test
// sets the service's clock.
func onEngines(t *testing.T, test func(t *testing.T, svc *hindsight.Service)) {
	enginetest.Services(t, test)
}
