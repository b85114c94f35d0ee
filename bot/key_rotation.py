"""Key rotation: a new pseudonym key (re-keying conversations) or a new address-encryption key.

Pseudonyms are HMAC(key, channel identity). A new key gives every person a new
conversation id, so rotation renames, for each person whose encrypted reply address is
stored (SMS, Telegram), the old id to the new one in every table that holds it: Rasa's
``events.sender_id``, and every Harbor table with a ``conversation_id``, ``sender_id`` or
``pseudonym`` column (handoffs, notes, outbox, audit log, contact addresses, chat message
ids, opt-outs), including ids quoted inside their text columns (event JSON, packets).
The next message from the same phone or chat then continues the same history.

Conversations with no stored address cannot be re-keyed: web chat (its token lives only
in the browser), expired addresses, and opt-outs (STOP deletes the address). They keep the
old id, which nothing can recompute any more, and retention deletes them on schedule. A
person who opted out and writes again after a rotation is treated as new (Twilio's own
STOP handling still blocks SMS at the carrier).

Stop Harbor first: the servers compute pseudonyms with the key they started with.
"""
from __future__ import annotations

import base64
import os
import secrets as pysecrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.orm import Session

from bot import contacts
from bot.db import session_scope
from bot.pseudonym import pseudonym
from bot.secrets import _parse, ensure_secrets_file, get_secret
from bot.settings import get_settings

ID_COLUMNS = ("conversation_id", "sender_id", "pseudonym")
PSEUDONYM_KEY = "HARBOR_PSEUDONYM_KEY"
FERNET_KEY = "HARBOR_FERNET_KEY"


@dataclass
class Rotation:
    counts: dict[str, int] = field(default_factory=dict)
    written_to: Path | None = None  # the secrets file that now holds the new key
    set_in_environment: str | None = None  # "NAME=value" the operator must set, when the key is in env


def new_pseudonym_key() -> str:
    return pysecrets.token_hex(32)


def new_fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


# --- renaming conversation ids -------------------------------------------------------------------

def _id_tables(session: Session) -> list[tuple[sa.Table, str]]:
    """Every (table, id column) pair in this database, found by column name."""
    connection = session.connection()
    inspector = sa.inspect(connection)
    found = []
    for name in inspector.get_table_names():
        columns = {c["name"] for c in inspector.get_columns(name)}
        for column in ID_COLUMNS:
            if column in columns:
                found.append((sa.Table(name, sa.MetaData(), autoload_with=connection), column))
    return found


def rename_conversations(session: Session, mapping: dict[str, str]) -> dict[str, int]:
    """Replace old ids by new ones in every id column, and inside text columns of those rows."""
    counts: dict[str, int] = {}
    if not mapping:
        return counts
    for table, column in _id_tables(session):
        renamed = 0
        for old, new in mapping.items():
            renamed += session.execute(
                sa.update(table).where(table.c[column] == old).values({column: new})).rowcount
        counts[f"{table.name}.{column}"] = renamed
        texts = [c for c in table.c if isinstance(c.type, (sa.String, sa.Text)) and c.name != column]
        keys = list(table.primary_key.columns)
        if not texts or not keys:
            continue
        reverse = {new: old for old, new in mapping.items()}
        new_ids = list(reverse)
        rows = [row for start in range(0, len(new_ids), 500)
                for row in session.execute(sa.select(*keys, table.c[column], *texts)
                                           .where(table.c[column].in_(new_ids[start:start + 500]))).all()]
        for row in rows:
            old, new = reverse[row[len(keys)]], row[len(keys)]
            changes = {c.name: value.replace(old, new) for c, value in zip(texts, row[len(keys) + 1:])
                       if isinstance(value, str) and old in value}
            if changes:
                where = [k == row[i] for i, k in enumerate(keys)]
                session.execute(sa.update(table).where(*where).values(changes))
    return counts


def rekey_conversations(session: Session, new_key: str) -> dict[str, int]:
    """Rename every conversation that has a readable stored address to its new-key pseudonym."""
    mapping: dict[str, str] = {}
    unreadable = 0
    for row in session.execute(sa.select(contacts.ContactAddress)).scalars().all():
        try:
            identity = contacts.decrypt_address(row.address_enc)
        except InvalidToken:
            unreadable += 1
            continue
        mapping[row.conversation_id] = pseudonym(row.channel, identity, key=new_key)
    counts = rename_conversations(session, mapping)
    counts["conversations_rekeyed"] = len(mapping)
    counts["addresses_unreadable"] = unreadable
    return counts


def reencrypt_addresses(session: Session, new_key: str) -> dict[str, int]:
    """Re-encrypt every stored address under ``new_key`` (MultiFernet: new first, current second)."""
    rotator = MultiFernet([Fernet(new_key.encode()), Fernet(get_secret(FERNET_KEY).encode())])
    done = unreadable = 0
    for row in session.execute(sa.select(contacts.ContactAddress)).scalars().all():
        try:
            row.address_enc = rotator.rotate(row.address_enc.encode()).decode()
            done += 1
        except InvalidToken:
            unreadable += 1  # written under an older key: useless, left for expiry
    session.flush()
    return {"addresses_reencrypted": done, "addresses_unreadable": unreadable}


# --- storing the new key --------------------------------------------------------------------------

def write_secret(path: Path, name: str, value: str) -> None:
    """Replace one NAME=value line atomically (temp file in the same folder, 0600, rename)."""
    ensure_secrets_file(path)
    lines, replaced = [], False
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and line.partition("=")[0].strip() == name:
            lines.append(f"{name}={value}")
            replaced = True
        else:
            lines.append(line)
    if not replaced:
        lines.append(f"{name}={value}")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secrets-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, ("\n".join(lines) + "\n").encode())
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    get_secret.cache_clear()


def _rotate(name: str, new_key: str, change) -> Rotation:  # type: ignore[no-untyped-def]
    """Change the database and store the key so that neither is left half done."""
    from_env = bool(os.environ.get(name, "").strip())
    path = get_settings().secrets_file
    before = path.read_text() if path.exists() else None
    rotation = Rotation()
    try:
        with session_scope() as session:
            rotation.counts = change(session)
            session.flush()
            if from_env:
                rotation.set_in_environment = f"{name}={new_key}"
            else:
                write_secret(path, name, new_key)
                rotation.written_to = path
    except BaseException:
        if rotation.written_to is not None and before is not None:  # the commit failed: put the old key back
            path.write_text(before)
            get_secret.cache_clear()
        raise
    if from_env:
        os.environ[name] = new_key  # this process only; the operator sets it for the servers
        get_secret.cache_clear()
    return rotation


def rotate_pseudonym_key(new_key: str | None = None) -> Rotation:
    new_key = new_key or new_pseudonym_key()
    if len(new_key) < 32:
        raise ValueError("a pseudonym key needs at least 32 characters")
    return _rotate(PSEUDONYM_KEY, new_key, lambda session: rekey_conversations(session, new_key))


def rotate_encryption_key(new_key: str | None = None) -> Rotation:
    new_key = new_key or new_fernet_key()
    Fernet(new_key.encode())  # raises ValueError for a malformed key
    return _rotate(FERNET_KEY, new_key, lambda session: reencrypt_addresses(session, new_key))


def stored_secret(name: str) -> str | None:
    """The value in the secrets file (not the environment); for tests and `harbor doctor`."""
    path = get_settings().secrets_file
    return _parse(path.read_text()).get(name) if path.exists() else None
