"""Tests of the fake Discord server, driving an unmodified discord.py Client through it.

The client below is deliberately tiny and independent of the project's bot: it shows that the
fake speaks enough of Discord's REST and gateway protocol for discord.py's real code paths
(login, command sync, interactions, views, messages, reconnects, rate limits).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.http import Route
from fakediscord import (
    ALL_PERMISSIONS,
    EPHEMERAL,
    SUPPRESS_EMBEDS,
    BotTaskEnded,
    Channel,
    FakeDiscord,
    Guild,
    loopback_connector,
    patch_discord,
)
from fakediscord.payloads import guild_json

TOKEN = "test-bot-token"
TOPICS = ("python", "pytest", "discord")
NAMES = ["ask", "menu", "notes", "pick", "reload", "steps", "whoami"]


class HelpfulView(discord.ui.View):
    """Persistent view: a fixed custom_id and no timeout, registered with add_view()."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Helpful", style=discord.ButtonStyle.success, custom_id="tiny:helpful")
    async def helpful(
        self, interaction: discord.Interaction, _button: discord.ui.Button[HelpfulView]
    ) -> None:
        """Thank the clicker privately."""
        await interaction.response.send_message(
            "Thanks for the feedback!", ephemeral=True, suppress_embeds=True
        )


class PickView(discord.ui.View):
    """Non-persistent view: routed by the id of the message it was sent with."""

    @discord.ui.select(
        custom_id="tiny:pick", options=[discord.SelectOption(label=v, value=v) for v in "ab"]
    )
    async def pick(
        self, interaction: discord.Interaction, select: discord.ui.Select[PickView]
    ) -> None:
        """Replace the menu by the choice (callback type 7)."""
        await interaction.response.edit_message(content=f"Picked {select.values[0]}", view=None)


class TinyBot(discord.Client):
    """A minimal slash-command bot exercising defer/followup, autocomplete, views, mentions."""

    def __init__(self) -> None:
        super().__init__(
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            connector=loopback_connector(),
            guild_ready_timeout=0.05,
        )
        self.tree = app_commands.CommandTree(self)
        commands: list[app_commands.Command[Any, ..., None]] = [ask, menu, pick, reload, steps]
        for command in [*commands, whoami]:
            self.tree.add_command(command)
        self.tree.add_command(notes)

    async def setup_hook(self) -> None:
        """Register the persistent view and sync the commands globally (DMs need that)."""
        self.add_view(HelpfulView())
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Skip discord.py's 5 s sleep before a re-IDENTIFY."""

    async def on_message(self, message: discord.Message) -> None:
        """Reply (while typing) to messages that mention the bot, never to itself."""
        if message.author == self.user or self.user is None:
            return
        if self.user.mentioned_in(message):
            async with message.channel.typing():
                await message.reply(f"You said: {message.content}", suppress_embeds=True)


@app_commands.command(description="Ask the bot a question")
@app_commands.describe(question="What do you want to know?", topic="Optional topic")
async def ask(interaction: discord.Interaction, question: str, topic: str | None = None) -> None:
    """Defer with "thinking", then answer through a followup."""
    await interaction.response.defer(thinking=True)
    await interaction.followup.send(f"Answer to {question!r} ({topic})", suppress_embeds=True)


@ask.autocomplete("topic")
async def topic_autocomplete(
    _interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Topics containing what the user typed."""
    return [app_commands.Choice(name=t.title(), value=t) for t in TOPICS if current in t]


@app_commands.command(description="Show the feedback button")
async def menu(interaction: discord.Interaction) -> None:
    """Send the persistent feedback button."""
    await interaction.response.send_message(
        "Was this helpful?", view=HelpfulView(), suppress_embeds=True
    )


@app_commands.command(description="Choose A or B")
async def pick(interaction: discord.Interaction) -> None:
    """Send a select menu."""
    await interaction.response.send_message("Choose:", view=PickView(), suppress_embeds=True)


@app_commands.command(description="Edit, follow up, fetch and delete responses")
async def steps(interaction: discord.Interaction) -> None:
    """Walk through the interaction-webhook endpoints."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    await interaction.edit_original_response(content="Working...")
    original = await interaction.original_response()
    extra = await interaction.followup.send("Done", wait=True, suppress_embeds=True)
    await extra.edit(content=f"Done after {original.content!r}")
    await interaction.delete_original_response()


notes = app_commands.Group(name="notes", description="Meeting notes")


@notes.command(description="Add a note")
async def add(
    interaction: discord.Interaction,
    text: str,
    about: discord.Member | None = None,
    where: discord.TextChannel | None = None,
) -> None:
    """Subcommand with user and channel options (resolved data)."""
    who = about.display_name if about else "nobody"
    place = where.name if where else "nowhere"
    await interaction.response.send_message(f"{text} about {who} in {place}", suppress_embeds=True)


@app_commands.command(description="Reload configuration (admins only)")
@app_commands.default_permissions(administrator=True)
async def reload(interaction: discord.Interaction) -> None:
    """Admin-only command; Discord hides it from others."""
    await interaction.response.send_message("Reloaded.", ephemeral=True, suppress_embeds=True)


@app_commands.command(description="Who and where am I?")
async def whoami(interaction: discord.Interaction) -> None:
    """Report the user, where the command ran and the permissions discord.py parsed."""
    where = interaction.guild.name if interaction.guild else "DM"
    text = f"{interaction.user.name} in {where}: {interaction.permissions.value}"
    await interaction.response.send_message(text, ephemeral=True, suppress_embeds=True)


async def start_bot(server: FakeDiscord, token: str = TOKEN) -> tuple[TinyBot, asyncio.Task[None]]:
    """Start TinyBot against ``server`` (already patched in) and wait for on_ready."""
    client = TinyBot()
    task = asyncio.create_task(client.start(token))
    server.watch(task)
    await server.wait_identified()
    await asyncio.wait_for(client.wait_until_ready(), 5)
    return client, task


@dataclass
class Env:
    """A running fake with one guild and a ready TinyBot."""

    server: FakeDiscord
    client: TinyBot
    guild: Guild
    channel: Channel


@pytest.fixture
async def env() -> AsyncIterator[Env]:
    """Run a test against a ready bot; afterwards check the safety properties of every message."""
    async with FakeDiscord(token=TOKEN) as server:
        guild = server.add_guild("Test Guild")
        with patch_discord(server):
            client, task = await start_bot(server)
            try:
                yield Env(server, client, guild, guild.first_text_channel())
            finally:
                await client.close()
                await asyncio.wait_for(task, 5)
        assert server.unknown_routes == []
        for payload in server.message_payloads():
            assert payload.body.get("allowed_mentions") == {"parse": []}, payload
            if payload.new:
                assert int(payload.body.get("flags") or 0) & SUPPRESS_EMBEDS, payload


async def test_login_and_ready(env: Env) -> None:
    """Login, command sync, compressed gateway and READY/GUILD_CREATE all reach discord.py."""
    server, client = env.server, env.client
    assert client.user is not None and client.user.id == server.bot.id
    assert client.application_id == server.application_id
    guild = client.get_guild(env.guild.id)
    assert guild is not None and guild.get_channel(env.channel.id) is not None
    assert server.identify_count == 1 and server.resume_count == 0
    assert server.gateway.connections[0].compress == "zlib-stream"
    login = server.requests[0]
    assert (login.method, login.path, login.status) == ("GET", "/users/@me", 200)
    assert login.headers["Authorization"] == f"Bot {TOKEN}"
    assert server.sync_calls[0].guild_id is None
    assert server.command_names() == NAMES
    identify = next(f for f in server.gateway_received if f["op"] == 2)
    assert identify["d"]["intents"] == discord.Intents.default().value


async def test_sync_to_guild_records_commands(env: Env) -> None:
    """A guild sync is recorded per guild, and guild-scoped commands carry data.guild_id."""
    server, target = env.server, discord.Object(env.guild.id)
    env.client.tree.copy_global_to(guild=target)
    synced = await env.client.tree.sync(guild=target)
    assert [c.guild_id for c in synced] == [env.guild.id] * len(NAMES)
    assert len(server.sync_calls) == 2 and server.sync_calls[1].guild_id == env.guild.id
    assert server.command_names(env.guild) == NAMES
    record = await server.send_slash_command("whoami")
    assert record.payload["data"]["guild_id"] == str(env.guild.id)
    assert (await record.wait_callback()).type == 4
    extra = {"name": "extra", "description": "Added alone", "type": 1}
    await env.client.http.upsert_guild_command(server.application_id, env.guild.id, extra)
    assert "extra" in server.command_names(env.guild) and len(server.sync_calls) == 2


async def test_slash_command_defer_and_followup(env: Env) -> None:
    """Defer + followup: the followup fills the "thinking" message; latency is measured."""
    record = await env.server.send_slash_command("ask", {"question": "What is 2+2?"})
    callback = await record.wait_callback()
    assert callback.type == 5 and 0 < callback.latency < 1.0
    message = await record.wait_final_message()
    assert message.content == "Answer to 'What is 2+2?' (None)"
    assert record.followups == [record.original] and not message.loading
    assert message.suppress_embeds and not message.ephemeral


async def test_autocomplete_returns_choices(env: Env) -> None:
    """Autocomplete reaches the bot's handler and its type-8 choices come back."""
    options = {"question": "x", "topic": "py"}
    choices = await env.server.send_autocomplete("ask", options, focused="topic")
    assert choices == [{"name": "Python", "value": "python"}, {"name": "Pytest", "value": "pytest"}]


async def test_persistent_button_click(env: Env) -> None:
    """A button on the bot's message is clicked and handled by the persistent view."""
    record = await env.server.send_slash_command("menu")
    menu_message = await record.wait_final_message()
    assert menu_message.custom_ids() == ["tiny:helpful"]
    click = await env.server.click_button(menu_message, "tiny:helpful")
    callback = await click.wait_callback()
    assert callback.type == 4 and callback.ephemeral
    reply = click.final_message()
    assert reply is not None and reply.content == "Thanks for the feedback!"


async def test_select_menu_updates_the_message(env: Env) -> None:
    """A select on a non-persistent view is routed by message id and edits it (type 7)."""
    record = await env.server.send_slash_command("pick")
    menu_message = await record.wait_final_message()
    choice = await env.server.select_menu(menu_message, "tiny:pick", ["b"])
    assert (await choice.wait_callback()).type == 7
    assert menu_message.content == "Picked b" and menu_message.components == []


async def test_interaction_webhook_edits(env: Env) -> None:
    """edit_original_response, original_response, followup edit and delete all work."""
    record = await env.server.send_slash_command("steps")
    await env.server.wait_request("DELETE", r"/messages/@original$")
    final = record.final_message()
    assert final is not None and final.content == "Done after 'Working...'"
    assert record.original is not None and record.original.deleted
    assert record.original.ephemeral and not final.ephemeral


async def test_message_content_intent(env: Env) -> None:
    """Without the message-content intent only messages mentioning the bot keep their text."""
    server, client = env.server, env.client
    alice = server.add_member(env.guild, "alice")
    from_alice = asyncio.ensure_future(
        client.wait_for("message", check=lambda m: m.author.id == alice.id)
    )
    await server.send_message(env.channel, alice, "plain words")
    assert (await asyncio.wait_for(from_alice, 2)).content == ""
    await server.send_message(env.channel, alice, "hey bot", mentions=[server.bot])
    reply = await server.wait_channel_message(env.channel)
    assert reply.content == "You said: hey bot"


async def test_mention_gets_a_reply(env: Env) -> None:
    """MESSAGE_CREATE with the bot mentioned -> typing + a reply that pings nobody."""
    server = env.server
    alice = server.add_member(env.guild, "alice")
    question = await server.send_message(env.channel, alice, f"{server.bot.mention} hello")
    reply = await server.wait_channel_message(env.channel)
    assert reply.reference is question and reply.type == 19
    assert reply.content == f"You said: {server.bot.mention} hello"
    assert reply.mentions == [] and not reply.mention_everyone
    typing = await server.wait_request("POST", r"/channels/\d+/typing$")
    assert typing.status == 204


async def test_gateway_close_4000_resumes_and_replays(env: Env) -> None:
    """After a 4000 close the bot RESUMEs; an event sent while it was away is replayed."""
    server = env.server
    await server.close_gateway(4000)
    record = await server.send_slash_command("whoami")
    await server.wait_resumed()
    assert (await record.wait_callback()).type == 4
    assert server.identify_count == 1 and server.resume_count == 1


async def test_invalid_session_forces_new_identify(env: Env) -> None:
    """A non-resumable INVALID_SESSION makes the bot IDENTIFY again and keep working."""
    await env.server.invalid_session(resumable=False)
    await env.server.wait_identified(count=2)
    record = await env.server.send_slash_command("whoami")
    assert (await record.wait_callback()).type == 4
    assert env.server.resume_count == 0


async def test_followup_429_is_retried(env: Env) -> None:
    """A 429 with Via + retry_after on the followup is slept on and retried by discord.py."""
    rule = env.server.rate_limit("POST", r"^/webhooks/\d+/[^/]+$", retry_after=0.05)
    record = await env.server.send_slash_command("ask", {"question": "rate?"})
    message = await record.wait_final_message()
    assert message.content.startswith("Answer to 'rate?'")
    assert (rule.attempts, rule.limited) == (2, 1)
    statuses = [r.status for r in env.server.requests if r.path.startswith("/webhooks/")]
    assert statuses == [429, 200]


async def test_subcommand_with_member_and_channel_options(env: Env) -> None:
    """Subcommand options are nested, and user/channel values come with resolved data."""
    bob = env.server.add_member(env.guild, "bob")
    options = {"text": "Budget", "about": bob, "where": env.channel}
    record = await env.server.send_slash_command("notes", options, subcommand="add")
    assert set(record.payload["data"]["resolved"]) == {"users", "members", "channels"}
    message = await record.wait_final_message()
    assert message.content == "Budget about bob in general"


async def test_dm_slash_command(env: Env) -> None:
    """A DM interaction carries ``user``, no guild, context 1, and is answered."""
    record = await env.server.send_slash_command("whoami", guild=None)
    assert "user" in record.payload and "guild_id" not in record.payload
    assert record.payload["context"] == 1
    callback = await record.wait_callback()
    assert callback.data is not None and callback.data["content"].startswith("tester in DM")


async def test_default_member_permissions(env: Env) -> None:
    """Hidden admin commands cannot be sent by plain members; admins get all permissions."""
    with pytest.raises(PermissionError):
        await env.server.send_slash_command("reload")
    admin = env.server.admin(env.guild)
    record = await env.server.send_slash_command("reload", user=admin)
    assert record.payload["member"]["permissions"] == str(ALL_PERMISSIONS)
    callback = await record.wait_callback()
    assert callback.data is not None and callback.data["flags"] & EPHEMERAL


async def test_threads_and_validation(env: Env) -> None:
    """Thread creation and Discord's 2000-character limit behave as on Discord."""
    channel = env.client.get_channel(env.channel.id)
    assert isinstance(channel, discord.TextChannel)
    starter = await channel.send("Question?", suppress_embeds=True)
    thread = await starter.create_thread(name="Discussion")
    assert thread.id == starter.id and env.server.channels[thread.id].is_thread
    await thread.send("In the thread", suppress_embeds=True)
    inside = await env.server.wait_channel_message(env.server.channels[thread.id])
    assert inside.content == "In the thread"
    private = await channel.create_thread(name="Private")
    assert private.type is discord.ChannelType.private_thread
    with pytest.raises(discord.HTTPException) as error:
        await channel.send("x" * 2001, suppress_embeds=True)
    assert (error.value.status, error.value.code) == (400, 50035)


async def test_rest_endpoints_bots_use(env: Env) -> None:
    """Fetches, edits, reactions, history, deletes, DMs and a global 429 through discord.py."""
    server, client = env.server, env.client
    alice = server.add_member(env.guild, "alice")
    user = await client.fetch_user(alice.id)
    guild = await client.fetch_guild(env.guild.id)
    assert (await guild.fetch_member(alice.id)).name == "alice"
    rule = server.rate_limit("GET", r"^/channels/\d+$", retry_after=0.01, global_=True)
    channel = await client.fetch_channel(env.channel.id)
    assert isinstance(channel, discord.TextChannel) and (rule.attempts, rule.limited) == (2, 1)
    sent = await channel.send("first", suppress_embeds=True)
    assert (await server.wait_channel_message(env.channel)).id == sent.id
    assert (await channel.fetch_message(sent.id)).content == "first"
    await sent.edit(content="edited")
    await sent.add_reaction("\N{THUMBS UP SIGN}")
    assert [m.content async for m in channel.history(limit=5)] == ["edited"]
    await sent.delete()
    stored = server.messages[sent.id]
    assert stored.deleted and stored.reactions == ["\N{THUMBS UP SIGN}"]
    upload = discord.File(io.BytesIO(b"42\n"), filename="answer.txt")
    await channel.send("see file", file=upload, suppress_embeds=True)
    with_file = await server.wait_channel_message(env.channel)
    assert with_file.content == "see file" and with_file.attachments[0]["size"] == 3
    assert server.requests[-1].files[0].data == b"42\n"
    await user.send("private", suppress_embeds=True)
    dm = await server.wait_channel_message(server.dm_channel(alice.user))
    assert dm.content == "private" and dm.guild_id is None
    commands = await client.tree.fetch_commands()
    assert (await client.tree.fetch_command(commands[0].id)).name == commands[0].name


async def test_raw_dispatch_updates_the_cache(env: Env) -> None:
    """server.dispatch sends any event; here a GUILD_UPDATE renames the cached guild."""
    env.guild.name = "Renamed"
    assert env.server.dispatch("GUILD_UPDATE", guild_json(env.guild), env.guild)
    # Events are handled in order, so once a later interaction is answered the update is in.
    await (await env.server.send_slash_command("whoami")).wait_callback()
    cached = env.client.get_guild(env.guild.id)
    assert cached is not None and cached.name == "Renamed"


async def test_unknown_route_is_recorded(env: Env) -> None:
    """An unimplemented endpoint gives a Discord-style 404 and is listed in unknown_routes."""
    with pytest.raises(discord.NotFound):
        await env.client.http.request(Route("GET", "/voice/regions"))
    assert [r.path for r in env.server.unknown_routes] == ["/voice/regions"]
    env.server.unknown_routes.clear()


async def test_waits_time_out_with_a_clear_message(env: Env) -> None:
    """A wait that is not satisfied says what it waited for and what the bot did last."""
    with pytest.raises(TimeoutError, match=r"a bot message in #general\n.*last REST requests"):
        await env.server.wait_channel_message(env.channel, timeout=0.05)


async def test_wrong_token_is_login_failure() -> None:
    """A token the fake does not know gets 401 on /users/@me -> discord.LoginFailure."""
    async with FakeDiscord(token=TOKEN) as server:
        with patch_discord(server):
            client = TinyBot()
            with pytest.raises(discord.LoginFailure):
                await client.start("not-the-token")
            await client.close()
        assert Route.BASE == "https://discord.com/api/v10"
        assert server.requests[0].status == 401


async def test_close_4004_stops_the_client() -> None:
    """Close code 4004 (authentication failed) is fatal for discord.py."""
    async with FakeDiscord(token=TOKEN) as server:
        server.add_guild()
        with patch_discord(server):
            client, task = await start_bot(server)
            await server.close_gateway(4004)
            with pytest.raises(discord.ConnectionClosed) as error:
                await asyncio.wait_for(task, 5)
            assert error.value.code == 4004
            with pytest.raises(BotTaskEnded):  # waits fail at once instead of timing out
                await server.wait_resumed(timeout=5)
            await client.close()


async def test_loopback_connector_refuses_real_hosts() -> None:
    """A request that escaped the fake fails at once instead of reaching discord.com."""
    async with aiohttp.ClientSession(connector=loopback_connector()) as session:
        with pytest.raises(aiohttp.ClientConnectorError):
            await session.get("https://discord.com/api/v10/gateway")
