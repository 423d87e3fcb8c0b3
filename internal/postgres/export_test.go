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
