"""An e-mail backend that is down, as a real SMTP server can be on deadline day."""

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server 127.0.0.1:25 refused the connection")
