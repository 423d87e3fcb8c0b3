package postgres

// Listening reports whether the store trusts its listener's versions
// rather than reading them at every call.
func (s *Store) Listening() bool {
	s.versions.mu.Lock()
	defer s.versions.mu.Unlock()
	return s.versions.live && !s.versions.stale
}

// ListenerName starts the application_name of every listening connection.
const ListenerName = listenerName

// ProbeEverySearchTier probes every search tier for up to n of its
// matches, whatever the planner would do, and returns what sets it back.
func ProbeEverySearchTier(n int) (restore func()) {
	old := searchProbe
	searchProbe, alwaysProbe = n, true
	return func() { searchProbe, alwaysProbe = old, false }
}
