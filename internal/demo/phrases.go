package demo

// Phrase tables the generator composes post-mortems from. They are written
// in the blameless voice the guide asks for — what the system did and what
// made sense at the time — so demo data also shows people how to write.

var services = []string{
	"checkout", "payment-gateway", "search", "catalog", "auth", "session-store", "notifications", "email-relay",
	"inventory", "pricing", "recommendations", "image-resizer", "cdn-edge", "api-gateway", "billing", "ledger",
	"kafka", "postgres-primary", "redis-cache", "dns", "load-balancer", "mobile-backend", "feature-flags", "scheduler",
}

var teams = []string{"Payments", "Search", "Identity", "Platform", "Storefront", "Data", "Mobile", "Messaging", "SRE", "Billing"}

var people = []string{
	"Priya Raman", "Jonas Weber", "Amara Okafor", "Lena Fischer", "Mateo García", "Yuki Tanaka", "Sofia Rossi", "Kwame Mensah",
	"Chen Wei", "Olivia Brown", "Arjun Mehta", "Fatima Zahra", "Noah Schmidt", "Ingrid Larsen", "Diego Silva", "Hana Kim",
	"Tomás Novak", "Aisha Bello", "Lucas Martin", "Mei Lin",
}

// causes are the mechanisms an incident turns on: a change and what it
// did to the system.
var causes = []struct{ change, mechanism, symptom, fix, tag, short string }{
	{"a configuration change lowered the %s connection pool size", "requests waited for pooled connections and timed out", "timeouts on %s", "restored the pool size", "connection-pool", "a connection pool change"},
	{"a deploy of %s shipped a query without an index", "the primary database CPU saturated under normal load", "slow responses from %s", "rolled back the deploy and added the index", "database", "a deploy without an index"},
	{"a certificate for %s expired", "clients refused TLS handshakes", "TLS errors from %s", "rotated the certificate", "certificates", "an expired certificate"},
	{"a feature flag enabled a new code path in %s for all users", "an unbounded retry loop multiplied traffic", "a retry storm against %s", "turned the flag off", "feature-flags", "a feature flag rollout"},
	{"a cache cluster for %s was resized during peak traffic", "cache misses sent every read to the database", "a cache stampede on %s", "warmed the cache and paused the resize", "caching", "a cache resize at peak"},
	{"a DNS record for %s was changed with a long TTL", "part of the traffic kept going to the retired hosts", "intermittent errors on %s", "restored the old record", "dns", "a DNS change"},
	{"disk usage on %s grew past the alert threshold unnoticed", "writes failed once the volume filled", "failed writes in %s", "expanded the volume and cleaned old segments", "capacity", "a full disk"},
	{"a dependency upgrade in %s changed a default timeout", "upstream calls gave up after one second", "partial outages of %s", "pinned the previous timeout", "dependencies", "a dependency upgrade"},
	{"a batch job for %s ran during business hours", "it held table locks that blocked user requests", "stalled requests to %s", "moved the job to a quiet window", "batch-jobs", "a daytime batch job"},
	{"a load balancer health check for %s pointed at a removed endpoint", "healthy instances were taken out of rotation", "capacity loss in %s", "fixed the health check path", "load-balancing", "a broken health check"},
	{"a schema migration on %s locked a large table", "requests queued behind the lock", "elevated latency in %s", "cancelled the migration and re-ran it online", "migrations", "a locking schema migration"},
	{"a memory limit for %s was set below its working set", "containers were killed and restarted in a loop", "crash loops in %s", "raised the memory limit", "kubernetes", "a low memory limit"},
}

var detections = []string{
	"Alert \"%s error rate > 5%%\" pages the on-call engineer",
	"Synthetic check for %s turns red",
	"Support escalates customer reports about %s",
	"Latency SLO burn alert fires for %s",
	"An engineer notices a dip on the %s dashboard",
}

var investigations = []string{
	"Investigation: recent deploys to %s are reviewed; nothing obvious",
	"Investigation: upstream provider status pages show no incident",
	"Investigation: traces show requests waiting on %s",
	"Investigation: error logs point at connection handling in %s",
	"Investigation: the team compares the failing region with a healthy one",
}

var communications = []string{
	"Status page updated: degraded performance of %s",
	"Incident channel opened and an incident commander named",
	"Customer support briefed with a holding statement",
}

var decisions = []string{
	"Decision: roll back rather than patch forward, to restore service sooner",
	"Decision: fail over %s to the secondary region",
	"Decision: pause all deploys until the cause is understood",
}

var countermeasureTitles = []struct {
	title string
	kind  string
}{
	{"Alert on saturation of %s", "detect"},
	{"Add a canary stage for configuration changes to %s", "prevent"},
	{"Load test %s with production-like traffic before changing limits", "prevent"},
	{"Document the rollback procedure for %s in the runbook", "process"},
	{"Add a circuit breaker in front of %s", "mitigate"},
	{"Automate certificate renewal for %s", "prevent"},
	{"Review on-call escalation paths for %s", "process"},
	{"Add a synthetic check covering %s", "detect"},
	{"Rate-limit retries from clients of %s", "mitigate"},
	{"Require a second review for schema migrations on %s", "process"},
}

var whyQuestions = []string{
	"Why did users see %s?",
	"Why did the system behave that way?",
	"Why was the change made at that time?",
	"Why did the checks in place not catch it?",
	"Why were those checks missing?",
}
