"""Incidents kept current while the server runs.

Pages and API read incident rows, which change only when ``incidents.storage.update`` links the documents
extracted since its last run. ``tollwatch ingest`` links when it is done, but reports stored otherwise
(``--no-link``, ``tollwatch load``, a script calling ``ingest``) would wait for the next update. So the app
runs ``Freshness.every``: every ``web_refresh_seconds`` it reads the newest extraction id (one indexed
query) and, when it moved, runs the update on a thread, so the event loop keeps answering meanwhile.
``POST /api/refresh`` runs the same update at once.

Updates take the incident writers' lock (``incidents.storage``), so several workers, or a CLI command
running at the same time, never link the same documents twice: the later update finds nothing to do.
"""

from __future__ import annotations

import asyncio
import logging

import anyio.to_thread
from sqlalchemy import func, select

from ..errors import TollwatchError
from ..incidents import storage
from ..settings import Settings
from ..store import schema
from ..store.database import Store

log = logging.getLogger("tollwatch.web")


class Freshness:
    """Links what was extracted since the last update, once at a time."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self._seen: int | None = None  # the newest extraction id when the last update began
        self._lock = asyncio.Lock()

    def _newest_extraction(self) -> int:
        with self.store.connect() as connection:
            return int(connection.scalar(select(func.max(schema.extractions.c.id))) or 0)

    async def link(self, force: bool = False) -> int:
        """Run the update when something was extracted since the last one (always when ``force``);
        returns how many documents it linked."""
        async with self._lock:
            newest = await anyio.to_thread.run_sync(self._newest_extraction)
            if newest == self._seen and not force:
                return 0
            # Read before the update: whatever is extracted while it runs is caught by the next round.
            linked = await anyio.to_thread.run_sync(storage.update, self.store, self.settings)
            self._seen = newest
            return linked

    async def every(self, seconds: float) -> None:
        """Check every ``seconds`` until cancelled; a failure is logged and tried again next round."""
        while True:
            await asyncio.sleep(seconds)
            try:
                linked = await self.link()
            except TollwatchError as exc:
                log.error("linking new reports into incidents failed, trying again in %g s: %s", seconds, exc)
                continue
            except Exception:
                # A bug, not bad data: keep the traceback, and keep serving what the store holds.
                log.exception("linking new reports into incidents failed, trying again in %g s", seconds)
                continue
            if linked:
                log.info("linked %d new document(s) into incidents", linked)
