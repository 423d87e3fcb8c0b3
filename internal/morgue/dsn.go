package morgue

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/go-sql-driver/mysql"
)

// DSN turns "mysql://user:pass@host:3306/morgue" into the driver's form,
// and names the source (host and database) for stable ids.
func DSN(raw string) (dsn, source string, err error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "mysql" && u.Scheme != "mariadb") || u.Host == "" {
		return "", "", fmt.Errorf("%q is not a Morgue database URL like mysql://user:password@host:3306/morgue", redact(raw))
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" {
		return "", "", fmt.Errorf("the Morgue database URL names no database (mysql://host:3306/morgue)")
	}
	c := mysql.NewConfig()
	c.Net, c.Addr, c.DBName = "tcp", u.Host, db
	if !strings.Contains(u.Host, ":") {
		c.Addr += ":3306"
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Passwd, _ = u.User.Password()
	}
	c.Params = map[string]string{"charset": "utf8mb4"}
	for k, v := range u.Query() {
		c.Params[k] = v[0]
	}
	return c.FormatDSN(), c.Addr + "/" + db, nil
}

// redact hides a password before a URL is shown.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
