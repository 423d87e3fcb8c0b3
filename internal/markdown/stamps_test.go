package markdown

import "testing"

func TestLeadingStamp(t *testing.T) {
	cases := []struct{ in, day, clock, rest string }{
		{"**16:58 UTC** - Alert fires", "", "16:58 +0", "Alert fires"},
		{"[09:40] Paged", "", "09:40", "Paged"},
		{"06:15pm: deploy", "", "18:15", "deploy"},
		{"12:17 PST - rollback", "", "12:17 -28800", "rollback"},
		{"2019-03-22: all day", "2019-3-22", "", "all day"},
		{"2023-07-20 14:05 Something", "2023-7-20", "14:05", "Something"},
		{"March 22, 2019 at 4:27 PM — first report", "2019-3-22", "16:27", "first report"},
		{"Jan 14 10:00 - page", "0-1-14", "10:00", "page"},
		{"12:00–14:30 UTC: degraded", "", "12:00", "degraded"},
		{"09:40 DB failover started", "", "09:40", "DB failover started"},
		{"`2019-10-21T18:47:00Z` restarted", "2019-10-21", "18:47 +0", "restarted"},
	}
	for _, c := range cases {
		st, rest, ok := leadingStamp(c.in)
		if !ok {
			t.Errorf("%q: no stamp", c.in)
			continue
		}
		day, cl := "", ""
		if st.day != nil {
			day = itoa(st.day.y) + "-" + itoa(st.day.m) + "-" + itoa(st.day.d)
		}
		if st.clock != nil {
			cl = twoDigits(st.clock.h) + ":" + twoDigits(st.clock.m)
			if st.clock.zone != nil {
				_, off := st.clock.at(civil{2020, 1, 1}, nil).In(st.clock.zone).Zone()
				cl += " " + map[bool]string{true: "+", false: ""}[off >= 0] + itoa(off)
			}
		}
		if day != c.day || cl != c.clock || rest != c.rest {
			t.Errorf("%q: day %q clock %q rest %q; want %q %q %q", c.in, day, cl, rest, c.day, c.clock, c.rest)
		}
	}
	for _, not := range []string{"3 servers went down", "Restarted the pod", "100% of requests"} {
		if _, _, ok := leadingStamp(not); ok {
			t.Errorf("%q read as a stamp", not)
		}
	}
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }
