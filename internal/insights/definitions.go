package insights

// Definition says what a figure means here, so nobody has to guess.
type Definition struct {
	Term    string `json:"term"`
	Meaning string `json:"meaning"`
}

// Definitions are shown with every report.
var Definitions = []Definition{
	{"Incident month", "The month (UTC) the incident started; a post-mortem without a start time counts in the month it was written."},
	{"Time to detect (MTTD)", "Detect time minus start time, averaged (mean) and its median, over the incidents that recorded both."},
	{"Time to resolve (MTTR)", "End time minus start time, averaged (mean) and its median, over the incidents that recorded both."},
	{"Time to post-mortem", "Post-mortem meeting date minus incident end time, over the incidents that recorded both. The guide: hold it as soon as possible."},
	{"Coverage", "\"over 41 of 52 incidents\": a figure leaves out the incidents missing one of its times — it is never guessed or counted as zero."},
	{"Countermeasures opened / done", "Countermeasures of the incidents in the period, by status; won't-do ones are left out."},
	{"Overdue", "Open or in progress, and the target date has passed."},
	{"Done by target date", "Of the countermeasures whose target date has passed or that are done, the share done on or before the target date."},
}
