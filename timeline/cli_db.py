"""``timeline init-db``: a PostgreSQL database made ready for a team's shared timeline."""

from __future__ import annotations

import urllib.parse

import click

from events.postgres import init_db as create_schema
from events.postgres import redact

__all__ = ["init_db"]


def _as_role(url: str, role: str) -> str:
    """``url`` logging in as ``role``, with no password: what to give analysts as ``--db``."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and pair.partition("=")[0] not in ("user", "password")
    )
    return f"{parts.scheme}://{role}@{host}{parts.path}" + (f"?{query}" if query else "")


@click.command(name="init-db")
@click.argument("url", metavar="postgresql://USER@HOST/DB")
@click.option(
    "--owner",
    default="timeline_owner",
    show_default=True,
    help="The role that owns the events table; it cannot log in.",
)
@click.option(
    "--app",
    default="timeline_app",
    show_default=True,
    help="The role analysts log in as: it may read and append, nothing else.",
)
@click.option(
    "--set-password",
    is_flag=True,
    help="Ask for a password for the app role (kept off the command line and shell history).",
)
def init_db(url: str, owner: str, app: str, set_password: bool) -> None:
    """Create the events table and its two roles in a PostgreSQL database.

    Run it once, as a superuser or the database's owner with CREATEROLE. The app role may
    INSERT and SELECT only; UPDATE, DELETE and TRUNCATE are refused by privileges and by
    triggers. Running it again keeps the table and roles, and grants again.
    """
    if not url.startswith(("postgresql://", "postgres://")):
        raise click.BadParameter(f"{url!r} is not a postgresql:// URL", param_hint="URL")
    password = (
        click.prompt(f"password for {app}", hide_input=True, confirmation_prompt=True)
        if set_password
        else None
    )
    create_schema(url, owner=owner, app=app, app_password=password)
    click.echo(f"{redact(url)}: the events table is ready, owned by {owner}")
    click.echo(f"analysts use --db {_as_role(url, app)} (may read and append, nothing else)")
