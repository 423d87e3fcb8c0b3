"""A real SMTP server for Hindsight's tests: Debian's python3-aiosmtpd.

Usage: smtpd.py DIR CERT KEY USER PASSWORD starttls|tls

It listens on a free port of 127.0.0.1 and prints it on the first line of
stdout. "starttls" offers STARTTLS and takes AUTH only after it; "tls" is
TLS from the first byte (port 465 style). Either way mail is accepted only
after AUTH PLAIN or LOGIN with USER and PASSWORD. Every accepted message is
written to DIR as NNNNNN.json (from, to, tls, auth, raw). While DIR/fail
holds a number above zero, messages are refused with 451 (a busy server)
and the number counts down.
"""
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

directory, cert, key, user, password, mode = sys.argv[1:7]
tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.load_cert_chain(cert, key)
count = 0


def authenticate(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
    return AuthResult(success=ok, handled=False, auth_data=data if ok else None)


def fail_now():
    path = os.path.join(directory, "fail")
    try:
        with open(path) as f:
            n = int(f.read().strip() or 0)
    except FileNotFoundError:
        return False
    if n <= 0:
        return False
    with open(path, "w") as f:
        f.write(str(n - 1))
    return True


class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        if fail_now():
            return "451 4.3.0 Try again later"
        count += 1
        login = session.login_data
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "tls": mode == "tls" or session.ssl is not None,
            "auth": login.decode() if isinstance(login, bytes) else (login or ""),
            "raw": envelope.original_content.decode("utf-8", "replace"),
        }
        name = os.path.join(directory, "%06d.json" % count)
        with open(name + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(name + ".tmp", name)
        return "250 OK"


def factory():
    if mode == "tls":
        return SMTP(Handler(), hostname="127.0.0.1", authenticator=authenticate, auth_required=True, auth_require_tls=False)
    return SMTP(Handler(), hostname="127.0.0.1", tls_context=tls, require_starttls=True, authenticator=authenticate,
                auth_required=True, auth_require_tls=True)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=tls if mode == "tls" else None)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
