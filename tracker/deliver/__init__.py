"""Delivering digests: building the e-mail (pure), sending it over SMTP, or writing it to the
outbox folder."""
