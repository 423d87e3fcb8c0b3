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
	{"a rate limiter for %s counted requests per instance instead of per cluster", "each new instance raised the effective limit until the upstream was overwhelmed", "throttling errors from %s", "made the limiter cluster-wide", "rate-limiting", "a per-instance rate limit"},
	{"a Kafka topic for %s was repartitioned during a consumer deploy", "consumer group rebalances stalled processing", "a growing backlog in %s", "paused the deploy and rebalanced once", "kafka", "a repartitioned topic"},
	{"a cron job for %s started twice after a daylight saving change", "duplicate runs sent customers duplicate emails", "duplicate notifications from %s", "made the job idempotent", "scheduling", "a daylight saving change"},
	{"an IAM policy update removed read access for %s", "the service could no longer fetch its secrets at startup", "start-up failures in %s", "restored the policy", "permissions", "an IAM policy update"},
	{"a CDN purge for %s invalidated every cached object at once", "origin servers received the full request volume", "slow pages served by %s", "staggered the purge", "cdn", "a full CDN purge"},
	{"a time-zone bug in %s treated UTC timestamps as local time", "scheduled items ran an hour early", "early jobs in %s", "parsed timestamps as UTC", "time-handling", "a time-zone bug"},
	{"a connection string for %s pointed at the read replica", "writes failed with read-only errors", "write errors in %s", "pointed writes at the primary", "database", "a read replica connection string"},
	{"a new index on %s was built without CONCURRENTLY", "inserts blocked for the duration of the build", "blocked inserts in %s", "cancelled the build and rebuilt it concurrently", "migrations", "a blocking index build"},
	{"a load test against %s ran in production by mistake", "synthetic traffic exhausted the shared worker pool", "queueing delays in %s", "stopped the load test and isolated its environment", "load-testing", "a misdirected load test"},
	{"a log level for %s was set to debug in production", "log volume filled the disks of the logging cluster", "missing logs and slow requests in %s", "restored the info level and rotated logs", "logging", "debug logging in production"},
	{"a retry policy in %s had no jitter", "synchronised retries hit the dependency in waves", "periodic error spikes in %s", "added jitter to retries", "retries", "retries without jitter"},
	{"an autoscaler for %s scaled on CPU while the bottleneck was memory", "instances ran out of memory before new ones started", "restarts under load in %s", "scaled on memory and raised the floor", "autoscaling", "an autoscaler on the wrong signal"},
	{"a third-party payment provider changed its API version for %s", "responses no longer matched the expected schema", "failed payments in %s", "pinned the API version", "third-party", "a provider API change"},
	{"a mobile app release called %s with a removed endpoint", "old app versions received 404 responses", "broken screens served by %s", "restored the endpoint behind a version check", "mobile", "a removed endpoint"},
	{"an SSL library upgrade in %s dropped support for an older cipher", "legacy clients could not connect", "handshake failures for some clients of %s", "re-enabled the cipher for the legacy pool", "tls", "a cipher removal"},
	{"a queue for %s had no dead-letter handling", "one malformed message blocked the whole partition", "stuck processing in %s", "moved the message aside and added a dead-letter queue", "queues", "a poison message"},
	{"a garbage collection setting for %s was tuned for throughput", "long pauses exceeded client timeouts", "latency spikes in %s", "restored the low-pause collector settings", "jvm", "a GC tuning change"},
	{"a firewall rule change blocked traffic from %s to its cache", "every request fell back to the slow path", "slow responses from %s", "reverted the firewall rule", "networking", "a firewall rule change"},
	{"an expired API token was still configured for %s", "calls to the partner API were rejected", "partner sync failures in %s", "rotated the token and added expiry monitoring", "credentials", "an expired API token"},
	{"a search reindex for %s ran with the default refresh interval", "the cluster spent its CPU on refreshes", "slow searches in %s", "raised the refresh interval during reindexing", "elasticsearch", "a reindex with default settings"},
	{"a storage bucket for %s reached its object-count quota", "uploads were rejected", "failed uploads in %s", "raised the quota and archived old objects", "storage", "a storage quota"},
	{"a configuration flag for %s was renamed without a migration", "the old flag was ignored and a default applied", "unexpected behaviour in %s", "mapped the old flag to the new one", "configuration", "a renamed configuration flag"},
	{"a clock skew on hosts of %s broke token validation", "tokens were rejected as not yet valid", "authentication failures in %s", "resynchronised the clocks and added drift alerts", "ntp", "clock skew"},
	{"a canary for %s received no traffic because of a routing rule", "the faulty build passed the canary stage", "errors after a rollout of %s", "fixed the routing rule for canaries", "deploys", "a canary without traffic"},
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
