// Command loadgen drives a mixed workload against a running Hindsight at a
// fixed rate — views, lists, searches, saves, the tracker, insights — and
// prints throughput, p50/p99 per route, errors and the server's peak
// memory. `make load` runs it against 100,000 post-mortems.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.url, "url", "http://127.0.0.1:8080", "Hindsight's address")
	flag.StringVar(&o.token, "token", os.Getenv("HINDSIGHT_TOKEN"), "an editor's API token (HINDSIGHT_TOKEN)")
	flag.StringVar(&o.email, "email", "", "an editor's e-mail address, to sign in for the HTML pages")
	flag.StringVar(&o.password, "password", os.Getenv("HINDSIGHT_PASSWORD"), "their password (HINDSIGHT_PASSWORD)")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "how long to run")
	flag.IntVar(&o.rate, "rate", 200, "requests per second, started on schedule whatever the answers take")
	flag.IntVar(&o.pid, "pid", 0, "the server's process id, to report its peak memory")
	flag.Parse()
	if o.token == "" || o.email == "" || o.password == "" {
		fmt.Fprintln(os.Stderr, "loadgen: --token, --email and --password are required")
		os.Exit(2)
	}
	res, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	res.print(os.Stdout, o)
	if !res.ok() {
		os.Exit(1)
	}
}
