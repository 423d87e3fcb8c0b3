package lint

import "regexp"

// traceMarkers are lines only a pasted stack trace has.
var traceMarkers = []*regexp.Regexp{
	regexp.MustCompile(`^goroutine \d+ \[[a-z ]+\]:`),                         // Go
	regexp.MustCompile(`^panic: `),                                            // Go
	regexp.MustCompile(`\.go:\d+ \+0x[0-9a-f]+`),                              // Go frame
	regexp.MustCompile(`^fatal error: all goroutines are asleep`),             // Go
	regexp.MustCompile(`^\s*at [\w$.<>]+\([\w$]+\.(java|kt|scala):\d+\)`),     // JVM frame
	regexp.MustCompile(`Exception in thread "`),                               // JVM
	regexp.MustCompile(`^\s*Caused by: [\w.$]+(Exception|Error)`),             // JVM
	regexp.MustCompile(`^Traceback \(most recent call last\):`),               // Python
	regexp.MustCompile(`^\s*File "[^"]+", line \d+`),                          // Python frame
	regexp.MustCompile(`^\s*at (.+ \()?[^ ()]+\.(js|mjs|cjs|ts):\d+:\d+\)?$`), // JavaScript frame
	regexp.MustCompile(`^\s*at .+\(node:[\w/]+:\d+:\d+\)$`),                   // Node internal frame
	regexp.MustCompile(`^thread '[^']*' panicked at`),                         // Rust
	regexp.MustCompile(`^Unhandled exception\. [\w.]+(Exception|Error)`),      // .NET
	regexp.MustCompile(`^\s+at [\w.<>` + "`" + `]+\(.*\) in .+:line \d+`),     // .NET frame
}

// logLine is a line that starts like a log record: a timestamp followed by
// a level, or a syslog prefix. The guide's timeline bullets ("- 09:40 UTC —
// …") have neither a level nor a process, so they never match.
var logLine = regexp.MustCompile(`^\s*(\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}([.,]\d+)?(Z|[+-]\d{2}:?\d{2})?\]?\s+\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRIT|I|W|E)\]?\b|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \S+ [\w.-]+(\[\d+\])?: |level=(debug|info|warn|error)\b|\{"(time|ts|timestamp|level)":)`)

// toolOutput are lines only pasted tool output has, each enough on its
// own: a structured log record, compiler and test-runner errors, shell
// errors, klog and logfmt records.
var toolOutput = regexp.MustCompile(`^\s*\{"[\w.@]+":.*"(level|severity|msg|message|ts|time|timestamp)":` + // JSON log record
	`|^\s*\{"(level|severity|msg|message|ts|time|timestamp)":` +
	`|^\S+\.(go|rs|c|h|cc|cpp|java|kt|ts|tsx|js|py|rb|cs|swift|scala):\d+(:\d+)?: ` + // file:line: message
	`|^\S+\.(ts|tsx|cs)\(\d+,\d+\): error ` + // tsc, csc
	`|^error(\[E\d+\])?: |^\s*--> \S+:\d+:\d+$|^javac: |^npm ERR! |^FAILED \S+::|^ERROR:  ?[a-z]|^LINE \d+: |: command not found$|^\S+: line \d+: ` +
	`|^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ \S+:\d+\] ` + // klog
	`|\blevel=(debug|info|warn|warning|error|fatal)\b.*\bmsg=`) // logfmt

// minLogRun is how many log lines in a row make a pasted log.
const minLogRun = 2

// traceSpan is how many lines after a trace marker still belong to the
// same trace, so one pasted trace is one finding.
const traceSpan = 40

// checkPasted finds stack traces (one finding per trace) and runs of log
// lines or tool output in lines, calling add with the 0-based line index.
func checkPasted(lines []string, ignored func(i int, rule string) bool, add func(i int, f Finding)) {
	lastHit := -traceSpan - 1
	for i, l := range lines {
		hit := false
		for _, re := range traceMarkers {
			if re.MatchString(l) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		inTrace := i-lastHit <= traceSpan
		lastHit = i
		if !inTrace && !ignored(i, RuleStackTrace) {
			add(i, Finding{Rule: RuleStackTrace, Col: 1, Excerpt: trim(l, 80),
				Message:    "looks like a pasted stack trace; the guide asks for no logs and no stack traces",
				Suggestion: "Say in one sentence what the trace showed (\"workers were all waiting for a pooled connection\") and link the ticket that holds it."})
		}
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && (logLine.MatchString(lines[j]) || toolOutput.MatchString(lines[j])) {
			j++
		}
		if (j-i >= minLogRun || (j > i && toolOutput.MatchString(lines[i]))) && !ignored(i, RulePastedLog) {
			add(i, Finding{Rule: RulePastedLog, Col: 1, Excerpt: trim(lines[i], 80),
				Message:    "looks like pasted log lines or tool output; the guide asks for no logs",
				Suggestion: "Summarise what the logs showed, with a timestamp, as a timeline event."})
		}
		if j == i {
			j++
		}
		i = j
	}
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
