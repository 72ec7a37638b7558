"""A mail server of the test's own, on a free port: it speaks just enough SMTP for Django's
SMTP backend, keeps what it receives, and can refuse the first connections ("554: no
service"), as a real one does when it is overloaded or down for maintenance."""

import socketserver
import threading
from email import message_from_bytes
from email.policy import default


class _Session(socketserver.StreamRequestHandler):
    def handle(self):
        server = self.server
        with server.lock:
            server.connections += 1
            refuse = server.refuse > 0
            if refuse:
                server.refuse -= 1
        if refuse:
            self.wfile.write(b"554 5.3.2 Dienst tijdelijk niet beschikbaar\r\n")
            return
        self.wfile.write(b"220 test ESMTP\r\n")
        lines, in_data = [], False
        while line := self.rfile.readline():
            if in_data:
                if line.rstrip(b"\r\n") == b".":
                    with server.lock:
                        server.messages.append(message_from_bytes(b"".join(lines), policy=default))
                    lines, in_data = [], False
                    self.wfile.write(b"250 2.0.0 Aangenomen\r\n")
                else:
                    lines.append(line[1:] if line.startswith(b"..") else line)
                continue
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 test\r\n")
            elif command == b"DATA":
                in_data = True
                self.wfile.write(b"354 Ga uw gang\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 Tot ziens\r\n")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


class MailServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refuse: int = 0):
        super().__init__(("127.0.0.1", 0), _Session)
        self.refuse = refuse
        self.connections = 0
        self.messages = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def settings(self) -> dict:
        """Django's settings that send mail here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
