"""The websocket gateway: HELLO/heartbeats, IDENTIFY -> READY + GUILD_CREATE, RESUME with replay,
zlib-stream compression, intent filtering, and the close/invalid-session faults.

Dispatching is synchronous for callers: an event gets its sequence number and is buffered in the
session at once, and a per-connection writer task sends frames in order. Events dispatched while
the bot is disconnected stay in the buffer and are replayed when it RESUMEs, as on Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .payloads import guild_create_json, member_json, message_json, user_json
from .records import StoredMessage
from .world import World

# Gateway intents the fake honours (Discord's numbering).
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15

MESSAGE_EVENTS = ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE")
CONTENT_KEYS = ("content", "embeds", "attachments", "components", "poll")


class Connection:
    """One websocket connection and its ordered, optionally zlib-compressed writer."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self.session: Session | None = None
        self.finished = asyncio.Event()
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._outbox: asyncio.Queue[dict[str, Any] | int] = asyncio.Queue()
        self._closing = False
        self._writer = asyncio.create_task(self._write_loop())

    def send(self, frame: dict[str, Any]) -> None:
        """Queue a frame (dropped if the connection is closing; sessions keep dispatches)."""
        if not self._closing:
            self._outbox.put_nowait(frame)

    def close(self, code: int) -> None:
        """Close with ``code`` after the frames already queued have been sent."""
        if not self._closing:
            self._closing = True
            self._outbox.put_nowait(code)

    async def _write_loop(self) -> None:
        while True:
            item = await self._outbox.get()
            if isinstance(item, int):
                await self.ws.close(code=item)
                return
            text = json.dumps(item, separators=(",", ":"))
            try:
                if self._zlib is None:
                    await self.ws.send_str(text)
                else:
                    # One sync flush per message: the client buffers until 00 00 ff ff.
                    data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
            except ConnectionError:
                return

    async def shutdown(self) -> None:
        """Stop the writer (letting a requested close complete) once the socket is done."""
        if not self._closing:
            self._writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._writer
        self.finished.set()


@dataclass(eq=False)
class Session:
    """An identified gateway session: sequence numbers and the replay buffer."""

    session_id: str
    shard: tuple[int, int]
    intents: int
    conn: Connection | None
    seq: int = 0
    frames: list[dict[str, Any]] = field(default_factory=list)

    def dispatch(self, event: str, data: Any) -> None:
        """Assign the next sequence number, buffer, and send if connected."""
        self.seq += 1
        frame = {"op": 0, "t": event, "s": self.seq, "d": data}
        self.frames.append(frame)
        if self.conn is not None:
            self.conn.send(frame)


@dataclass
class DroppedEvent:
    """A dispatch the bot did not get because it lacks the intent Discord requires."""

    event: str
    missing_intent: int


class Gateway:
    """Gateway state shared by all websocket connections of one fake server."""

    def __init__(self, world: World, heartbeat_interval: float) -> None:
        self.world = world
        self.heartbeat_interval = heartbeat_interval
        self.sessions: dict[int, Session] = {}
        self.connections: list[Connection] = []
        self.received: list[dict[str, Any]] = []
        self.dropped: list[DroppedEvent] = []
        self.identify_count = 0
        self.resume_count = 0
        self.url = ""

    # ------------------------------------------------------------------ websocket handler

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """aiohttp handler for ``GET /?v=10&encoding=json&compress=zlib-stream``."""
        ws = web.WebSocketResponse(timeout=2.0, max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(ws, request.query.get("compress"))
        self.connections.append(conn)
        conn.send({"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}})
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    conn.close(4002)  # Discord: decode error
                    continue
                frame = json.loads(msg.data)
                self.received.append(frame)
                self._on_frame(conn, frame)
                self.world.waiter.notify()
        finally:
            if conn.session is not None and conn.session.conn is conn:
                conn.session.conn = None
            await conn.shutdown()
            self.world.waiter.notify()
        return ws

    def _on_frame(self, conn: Connection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data: Any = frame.get("d")
        if op == 1:
            conn.send({"op": 11})
        elif op == 2:
            self._identify(conn, data)
        elif op == 6:
            self._resume(conn, data)
        elif conn.session is None:
            conn.close(4003)  # Discord: not authenticated
        elif op == 8:
            self._request_members(conn.session, data)

    def _identify(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.session is not None:
            conn.close(4005)  # Discord: already authenticated
            return
        if data.get("token") != self.world.token:
            conn.close(4004)  # Discord: authentication failed
            return
        shard_id, shard_count = data.get("shard") or (0, 1)
        intents = data.get("intents", 0)
        session = Session(secrets.token_hex(16), (shard_id, shard_count), intents, conn)
        conn.session = session
        self.sessions[shard_id] = session
        self.identify_count += 1
        guilds = [
            g
            for g in self.world.guilds.values()
            if (g.id >> 22) % shard_count == shard_id and self.world.bot.id in g.members
        ]
        bot = user_json(self.world.bot) | {"verified": True, "mfa_enabled": False, "flags": 0}
        session.dispatch(
            "READY",
            {
                "v": 10,
                "user": bot,
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.session_id,
                "resume_gateway_url": self.url,
                "shard": [shard_id, shard_count],
                "application": {"id": str(self.world.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "user_settings": {},
                "session_type": "normal",
            },
        )
        for guild in guilds:
            all_members = bool(session.intents & GUILD_MEMBERS)
            members = [m for m in guild.members.values() if all_members or m.user.bot]
            session.dispatch("GUILD_CREATE", guild_create_json(guild, members))

    def _resume(self, conn: Connection, data: dict[str, Any]) -> None:
        session = next(
            (s for s in self.sessions.values() if s.session_id == data.get("session_id")), None
        )
        if session is None or data.get("token") != self.world.token:
            conn.send({"op": 9, "d": False})
            return
        conn.session = session
        session.conn = conn
        self.resume_count += 1
        last_seen = data.get("seq") or 0
        for frame in session.frames:
            if frame["s"] > last_seen:
                conn.send(frame)
        session.dispatch("RESUMED", {})

    def _request_members(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.world.guilds.get(int(data["guild_id"]))
        if guild is None:
            return
        members = list(guild.members.values())
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            members = [m for m in members if m.user.id in wanted]
        session.dispatch(
            "GUILD_MEMBERS_CHUNK",
            {
                "guild_id": str(guild.id),
                "members": [member_json(m) for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
                "nonce": data.get("nonce"),
            },
        )

    # ------------------------------------------------------------------ dispatching

    def session_for(self, guild_id: int | None) -> Session | None:
        """The shard session that receives events of ``guild_id`` (DMs go to shard 0)."""
        if not self.sessions:
            return None
        shard_count = next(iter(self.sessions.values())).shard[1]
        shard_id = 0 if guild_id is None else (guild_id >> 22) % shard_count
        return self.sessions.get(shard_id)

    def dispatch(self, event: str, data: dict[str, Any], guild_id: int | None) -> bool:
        """Send a dispatch event if the bot has a session and the intents for it.

        Without MESSAGE_CONTENT, guild messages that neither mention the bot nor come from
        it arrive with content, embeds, attachments and components emptied, as on Discord.
        """
        session = self.session_for(guild_id)
        if session is None:
            return False
        if event in MESSAGE_EVENTS:
            needed = DIRECT_MESSAGES if guild_id is None else GUILD_MESSAGES
        elif event.startswith(("GUILD_", "THREAD_", "CHANNEL_")):
            needed = GUILDS
        else:
            needed = 0
        if needed and not session.intents & needed:
            self.dropped.append(DroppedEvent(event, needed))
            self.world.waiter.notify()
            return False
        if event != "MESSAGE_DELETE" and event in MESSAGE_EVENTS:
            data = self._apply_content_intent(session, data, guild_id)
        session.dispatch(event, data)
        self.world.waiter.notify()
        return True

    def message_event(self, event: str, message: StoredMessage) -> bool:
        """Tell the bot about a message change, as Discord does (never for ephemerals)."""
        if message.ephemeral:
            return False
        if event == "MESSAGE_DELETE":
            data: dict[str, Any] = {"id": str(message.id), "channel_id": str(message.channel_id)}
        else:
            data = message_json(message)
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
            member = self.world.guilds[message.guild_id].members.get(message.author.id)
            if member is not None and event != "MESSAGE_DELETE":
                data["member"] = member_json(member, with_user=False)
        return self.dispatch(event, data, message.guild_id)

    def _apply_content_intent(
        self, session: Session, data: dict[str, Any], guild_id: int | None
    ) -> dict[str, Any]:
        bot_id = str(self.world.bot.id)
        visible = (
            session.intents & MESSAGE_CONTENT
            or guild_id is None
            or data["author"]["id"] == bot_id
            or any(u["id"] == bot_id for u in data.get("mentions", []))
        )
        if visible:
            return data
        stripped = dict(data)
        for key in CONTENT_KEYS:
            if key in stripped:
                stripped[key] = "" if key == "content" else []
        stripped.pop("poll", None)
        return stripped

    # ------------------------------------------------------------------ faults

    def _live(self) -> list[Connection]:
        return [s.conn for s in self.sessions.values() if s.conn is not None]

    async def close(self, code: int, timeout: float) -> None:
        """Close every session's connection with ``code`` and wait until they are gone."""
        connections = self._live()
        if not connections:
            raise RuntimeError("close_gateway(): the bot has no connected gateway session")
        for conn in connections:
            conn.close(code)
        await self._wait_finished(connections, timeout, f"the gateway close with code {code}")

    async def invalid_session(self, resumable: bool, timeout: float) -> None:
        """Send op 9 INVALID_SESSION; if not resumable the sessions are forgotten."""
        connections = self._live()
        if not connections:
            raise RuntimeError("invalid_session(): the bot has no connected gateway session")
        for conn in connections:
            conn.send({"op": 9, "d": resumable})
        if not resumable:
            self.sessions.clear()
        await self._wait_finished(connections, timeout, "the bot to drop the invalid session")

    async def _wait_finished(
        self, connections: list[Connection], timeout: float, what: str
    ) -> None:
        await self.world.waiter.wait_for(
            lambda: True if all(c.finished.is_set() for c in connections) else None,
            timeout,
            what,
        )

    async def stop(self) -> None:
        """Close whatever is still connected (1001 going away) when the server stops."""
        for conn in self.connections:
            conn.close(1001)
        for conn in self.connections:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(conn.finished.wait(), 2.0)
