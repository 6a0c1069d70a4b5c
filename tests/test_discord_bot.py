"""The Discord bot end to end: the real discord.py client against the in-repo test server.

Every test starts the fake Discord on 127.0.0.1 and the production client, injects
interactions and messages, and reads what the bot sent. `running_bot` checks after
each test that every payload had allowed_mentions {"parse": []} and suppressed
previews, and that the token appears in no log line and no payload.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from botenv import MANAGE_GUILD, BotEnv, running_bot
from conftest import KNOWLEDGE, FolderFactory
from fakediscord import ADMINISTRATOR

from bot.escaping import unescape
from bot.models import Answer


@pytest.fixture
async def env() -> AsyncIterator[BotEnv]:
    async with running_bot(KNOWLEDGE) as running:
        yield running


def plain(text: str) -> str:
    return unescape(text.replace("**", ""))


async def test_start_up_loads_the_index_and_syncs_once_to_the_guild(env: BotEnv) -> None:
    assert [call.guild_id for call in env.server.sync_calls] == [env.guild.id]
    assert env.server.command_names(env.guild) == ["ask", "reload", "sources", "status", "summary"]
    assert env.service.snapshot.generation == 1
    assert env.client.synced == 1


async def test_ask_answers_with_a_quote_a_citation_and_buttons(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "Who is the chair of PPSTI?"}, user=env.member
    )
    callback = await record.wait_callback()
    assert callback.type == 5  # deferred first
    message = await record.wait_final_message()
    assert "Dr Hwanil Park, chair of the APEC Policy Partnership" in plain(message.content)
    assert "[1] ¶7 (Dr Hwanil Park)" in plain(message.content)
    assert not message.ephemeral
    ids = message.custom_ids()
    assert ids[0].startswith("rap:p:") and ids[1:] == ["rap:r:up", "rap:r:down"]
    assert max(len(i) for i in ids) <= 100


async def test_private_ask_is_ephemeral(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "Who is the vice chair?", "private": True}, user=env.member
    )
    message = await record.wait_final_message()
    assert message.ephemeral and "Hazami Habib" in plain(message.content)


async def test_unanswerable_question_says_so(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "What is the capital of France?"}
    )
    message = await record.wait_final_message()
    assert message.content.startswith("The documents do not cover this")
    assert message.custom_ids() == ["rap:r:up", "rap:r:down"]  # nothing to show, still ratable


async def test_hostile_question_text_is_never_a_mention(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "@everyone <@&123> what did Dr Park say about security?"}
    )
    message = await record.wait_final_message()
    assert message.mentions == [] and message.mention_roles == [] and not message.mention_everyone


async def test_document_autocomplete_and_scoped_ask(env: BotEnv) -> None:
    choices = await env.server.send_autocomplete(
        "ask", {"question": "chair", "document": "apec"}, focused="document"
    )
    # Discord allows 100 characters for a choice's name: the 106-character title is clipped.
    assert choices == [
        {
            "name": "APEC Economies Call for Deeper Science, Technology and Innovation Cooperation "
            "at PPSTI Meeting in G…",
            "value": "apec-ppsti-guangzhou.md",
        }
    ]
    assert (
        await env.server.send_autocomplete(
            "ask", {"question": "x", "document": "zzz"}, focused="document"
        )
        == []
    )
    record = await env.server.send_slash_command(
        "ask", {"question": "Who is the chair of PPSTI?", "document": choices[0]["value"]}
    )
    assert "Hwanil Park" in plain((await record.wait_final_message()).content)


async def test_show_passages_button_works_from_the_custom_id_alone(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "What did Hazami Habib say about an open innovation ecosystem?"}
    )
    answer = await record.wait_final_message()
    passages_id = answer.custom_ids()[0]
    click = await env.server.click_button(answer, passages_id, user=env.member)
    assert (await click.wait_callback()).type == 5
    shown = await click.wait_final_message()
    assert shown.ephemeral
    text = plain(shown.content)
    assert "[1] APEC Economies Call" in text and "¶12" in text and "Hazami Habib" in text
    assert "it is about building strong partnerships" in text


async def test_rating_buttons_write_the_admin_log(tmp_path: Path) -> None:
    log_path = tmp_path / "feedback.jsonl"
    async with running_bot(KNOWLEDGE, log_path=str(log_path)) as env:
        record = await env.server.send_slash_command(
            "ask", {"question": "Who is the chair of PPSTI?"}, user=env.member
        )
        answer = await record.wait_final_message()
        click = await env.server.click_button(answer, "rap:r:down", user=env.member)
        reply = await click.wait_final_message()
        assert reply.ephemeral and reply.content == "Thanks for the feedback."
        for _ in range(50):
            if log_path.exists() and len(log_path.read_text().splitlines()) == 2:
                break
            await asyncio.sleep(0.02)
    question, rating = (json.loads(line) for line in log_path.read_text().splitlines())
    assert question["type"] == "question" and question["question"] == "Who is the chair of PPSTI?"
    assert question["answered"] is True and question["citations"][0].startswith("apec-ppsti")
    assert (rating["type"], rating["rating"], rating["message_id"]) == ("rating", "down", answer.id)
    assert rating["user_id"] == env.member.id


async def test_summary_of_a_document_a_topic_and_the_latest_meeting(env: BotEnv) -> None:
    record = await env.server.send_slash_command("summary", {"document": "apec-ppsti-guangzhou.md"})
    text = plain((await record.wait_final_message()).content)
    assert text.startswith("Summary of APEC Economies Call") and "[1] ¶1" in text
    record = await env.server.send_slash_command("summary", {"topic": "open science"})
    assert plain((await record.wait_final_message()).content).startswith(
        'What the documents say about "open science"'
    )
    record = await env.server.send_slash_command("summary")
    assert plain((await record.wait_final_message()).content).startswith("Summary of APEC")


async def test_sources_and_status(env: BotEnv) -> None:
    record = await env.server.send_slash_command("sources")
    sources = await record.wait_final_message()
    assert sources.ephemeral and "(apec-ppsti-guangzhou.md)" in plain(sources.content)
    record = await env.server.send_slash_command("sources", {"query": "guangzhou"})
    assert "1 of 1" in plain((await record.wait_final_message()).content)
    record = await env.server.send_slash_command("status")
    callback = await record.wait_callback()
    assert callback.type == 4 and callback.ephemeral
    status = plain(callback.data["content"])
    assert "Index: 1 document, 13 passages" in status and "generation 1" in status


PERMISSIONS = {"member": 0, "manage_guild": MANAGE_GUILD, "administrator": ADMINISTRATOR, "dm": 0}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("member", False),
        ("manage_guild", True),
        ("administrator", True),
        ("admin_role", True),
        ("dm", False),
    ],
)
async def test_reload_permission_matrix(who: str, allowed: bool) -> None:
    """`default_permissions` only hides /reload; the bot itself refuses everyone else.

    The fake is told not to hide the command, as if a server admin had re-granted it.
    """
    async with running_bot(KNOWLEDGE, guild_ids=who != "dm") as env:
        server, guild = env.server, env.guild
        if who == "admin_role":
            user = server.add_member(guild, "archivist", roles=[env.admin_role], permissions=0)
        else:
            user = server.add_member(guild, who, permissions=PERMISSIONS[who])
        record = await server.send_slash_command(
            "reload", user=user, guild=None if who == "dm" else guild, enforce_permissions=False
        )
        message = await record.wait_final_message()
        assert message.ephemeral
        if allowed:
            assert message.content.startswith("**Knowledge folder reloaded**: 1 loaded")
            assert env.service.snapshot.generation == 2
        else:
            assert env.service.snapshot.generation == 1  # no reload ran
            expected = (
                "works in a server" if who == "dm" else "You need the Manage Server permission"
            )
            assert expected in message.content


async def test_reload_refuses_a_users_install_in_a_server_without_the_bot() -> None:
    """Installed to a user's account, the app can be used in a server the bot is not in, where
    anyone may hold Manage Server: /reload is offered to server installs only, and the bot
    refuses it from a user's install even if it is shown."""
    async with running_bot(KNOWLEDGE, guild_ids=False) as env:
        server = env.server
        synced = [r.json for r in server.requests if r.method == "PUT" and "commands" in r.path]
        reload_body = next(c for c in synced[-1] if c["name"] == "reload")
        assert reload_body["integration_types"] == [0]  # not 1: never on a user's install
        elsewhere = server.add_guild("Elsewhere", with_bot=False)
        stranger = server.add_member(elsewhere, "stranger", permissions=MANAGE_GUILD)
        with pytest.raises(PermissionError, match="users' installs"):
            await server.send_slash_command("reload", user=stranger, guild=elsewhere)
        record = await server.send_slash_command(
            "reload", {"force": True}, user=stranger, guild=elsewhere, enforce_permissions=False
        )
        message = await record.wait_final_message()
        assert message.ephemeral
        assert "only in a server the bot is installed in" in message.content
        assert env.service.snapshot.generation == 1  # no reload ran


async def test_reload_is_single_flight_and_a_failed_build_keeps_the_index(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = env.server.admin(env.guild)
    real_build = env.service.build

    def slow_build():  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return real_build()

    monkeypatch.setattr(env.service, "build", slow_build)
    first = await env.server.send_slash_command("reload", user=admin)
    await first.wait_callback()
    second = await env.server.send_slash_command("reload", user=admin)
    busy = await second.wait_final_message()
    assert busy.content.startswith("A reload is already running (started by admin at ")
    assert (await first.wait_final_message()).content.startswith("**Knowledge folder reloaded**")

    def failing_build():  # type: ignore[no-untyped-def]
        raise OSError("knowledge folder not found: /mnt/archive")

    monkeypatch.setattr(env.service, "build", failing_build)
    generation = env.service.snapshot.generation
    failed = await env.server.send_slash_command("reload", user=admin)
    text = plain((await failed.wait_final_message()).content)
    assert (
        text.startswith("Reload failed")
        and "The current index is kept: knowledge folder not found" in text
    )
    assert env.service.snapshot.generation == generation
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    assert "Hwanil Park" in plain((await record.wait_final_message()).content)


async def test_cooldown_stops_the_search(env: BotEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_ask = env.service.ask

    def counting_ask(question: str, document: str | None = None) -> Answer:
        calls.append(question)
        return real_ask(question, document)

    monkeypatch.setattr(env.service, "ask", counting_ask)
    for n in range(3):
        record = await env.server.send_slash_command(
            "ask", {"question": f"chair {n}?"}, user=env.member
        )
        await record.wait_final_message()
    limited = await env.server.send_slash_command(
        "ask", {"question": "chair again?"}, user=env.member
    )
    message = await limited.wait_final_message()
    assert message.ephemeral and message.content.startswith("Slow down: try again in ")
    assert len(calls) == 3  # the 4th question was never searched
    other = env.server.add_member(env.guild, "other", permissions=0)
    record = await env.server.send_slash_command("ask", {"question": "chair?"}, user=other)
    assert not (await record.wait_final_message()).ephemeral  # other users are not limited


async def test_an_exception_in_a_command_becomes_a_private_error(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: str, document: str | None = None) -> Answer:
        raise RuntimeError("index exploded")

    monkeypatch.setattr(env.service, "ask", broken)
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair?"})
    message = await record.wait_final_message()
    assert message.ephemeral
    assert message.content.startswith("Sorry, something went wrong (error ")
    assert record.original is not None and record.original.deleted  # no public "thinking…" left
    error_id = message.content.split("(error ")[1].split(")")[0]
    assert any(f"/ask failed (error {error_id})" in line for line in env.logs.lines)


async def test_first_callback_is_fast_even_when_search_is_slow(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_ask = env.service.ask

    def slow_ask(question: str, document: str | None = None) -> Answer:
        time.sleep(1.5)
        return real_ask(question, document)

    monkeypatch.setattr(env.service, "ask", slow_ask)
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    callback = await record.wait_callback()
    assert callback.type == 5
    assert callback.latency < 0.5, f"first callback after {callback.latency:.3f} s"
    message = await record.wait_final_message(timeout=5)
    assert "Hwanil Park" in plain(message.content)
    env.extra["latency"] = callback.latency
    print(f"\ntime to first callback with a 1.5 s search: {callback.latency * 1000:.1f} ms")


async def test_a_summary_asked_in_the_channel_is_the_summary(env: BotEnv) -> None:
    question = await env.server.send_message(
        env.channel, env.member, f"{env.server.bot.mention} summarise the meeting"
    )
    reply = await env.server.wait_channel_message(env.channel)
    assert reply.reference is question
    text = plain(reply.content)
    assert text.startswith("Summary of APEC Economies Call") and "Who spoke" in text
    assert reply.mentions == []
    assert reply.custom_ids()[0].startswith("rap:p:")  # its passages, as an answer's
    record = await env.server.send_slash_command(
        "ask", {"question": "Give me a summary of open innovation"}, user=env.member
    )
    message = await record.wait_final_message()
    assert "What the documents say about" in plain(message.content)


async def test_who_spoke_asked_in_the_channel_lists_the_speakers(env: BotEnv) -> None:
    record = await env.server.send_slash_command(
        "ask", {"question": "Who spoke at the meeting?"}, user=env.member
    )
    message = await record.wait_final_message()
    text = plain(message.content)
    assert text.startswith("Who spoke — APEC Economies Call")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert [line.split(":")[0] for line in lines] == [
        "- Chen Jiachang", "- Dr Hwanil Park", "- Hazami Habib",
    ]  # fmt: skip
    assert message.mentions == []


async def test_mention_is_answered_as_a_reply(env: BotEnv) -> None:
    question = await env.server.send_message(
        env.channel, env.member, f"{env.server.bot.mention} who is the vice chair of PPSTI?"
    )
    reply = await env.server.wait_channel_message(env.channel)
    assert reply.reference is question
    assert "Hazami Habib" in plain(reply.content)
    assert reply.mentions == []
    assert reply.custom_ids()[1:] == ["rap:r:up", "rap:r:down"]


async def test_plain_questions_in_an_answer_channel_get_a_thread_reply() -> None:
    async with running_bot(KNOWLEDGE, answer_channel=True, reply_in_thread=True) as env:
        assert env.client.intents.message_content  # requested only because of answer_channel_ids
        await env.server.send_message(env.channel, env.member, "Hello everyone")  # not a question
        question = await env.server.send_message(
            env.channel, env.member, "Who is the chair of PPSTI?"
        )
        thread_request = await env.server.wait_request(
            "POST", rf"/channels/{env.channel.id}/messages/{question.id}/threads$"
        )
        thread_id = int(thread_request.response["id"])
        sent = await env.server.wait_request("POST", rf"/channels/{thread_id}/messages$")
        assert "Hwanil Park" in plain(sent.json["content"])
        assert thread_request.json["name"] == "Who is the chair of PPSTI?"
        messages = [
            r for r in env.server.requests if r.route == "POST /channels/{channel_id}/messages"
        ]
        assert len(messages) == 1  # "Hello everyone" got no answer


async def test_without_answer_channels_plain_messages_are_ignored(env: BotEnv) -> None:
    assert not env.client.intents.message_content
    await env.server.send_message(env.channel, env.member, "Who is the chair of PPSTI?")
    with pytest.raises(TimeoutError):
        await env.server.wait_channel_message(env.channel, timeout=0.3)


async def test_gateway_reconnect_resumes_without_reloading_or_resyncing(env: BotEnv) -> None:
    await env.server.close_gateway(4000)
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    await env.server.wait_resumed()
    assert "Hwanil Park" in plain((await record.wait_final_message()).content)
    assert (env.server.identify_count, env.server.resume_count) == (1, 1)
    assert len(env.server.sync_calls) == 1 and env.service.snapshot.generation == 1


async def test_a_429_on_the_answer_is_retried(env: BotEnv) -> None:
    rule = env.server.rate_limit("POST", r"/webhooks/\d+/[^/]+$", retry_after=0.2)
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    message = await record.wait_final_message(timeout=5)
    assert "Hwanil Park" in plain(message.content)
    assert rule.limited == 1 and rule.attempts == 2


async def test_watch_mode_reloads_when_the_folder_changes(make_folder: FolderFactory) -> None:
    folder = make_folder({"minutes.md": "The harbour board approved the dredging contract."})
    async with running_bot(folder, watch=True) as env:
        await asyncio.sleep(0.3)  # the watcher starts with the bot
        (folder / "agenda.md").write_text("The ferry timetable is item four on the agenda.")
        for _ in range(100):
            if env.service.snapshot.generation == 2:
                break
            await asyncio.sleep(0.05)
        assert env.service.snapshot.generation == 2
        record = await env.server.send_slash_command("ask", {"question": "ferry timetable?"})
        assert "item four" in plain((await record.wait_final_message()).content)


async def test_buttons_work_after_a_restart(env: BotEnv) -> None:
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    answer = await record.wait_final_message()
    await env.restart()
    assert env.server.identify_count == 2
    click = await env.server.click_button(answer, answer.custom_ids()[0], user=env.member)
    shown = await click.wait_final_message()
    assert shown.ephemeral and "Dr Hwanil Park, chair of the APEC" in plain(shown.content)
    rating = await env.server.click_button(answer, "rap:r:up", user=env.member)
    assert (await rating.wait_final_message()).content == "Thanks for the feedback."


async def test_a_reply_to_the_bot_is_no_question(env: BotEnv) -> None:
    """A reply pings the message's author by default: "thanks!" under an answer names the
    bot in its mentions, not in its text, and is not answered."""
    mention = f"{env.server.bot.mention} who is the vice chair of PPSTI?"
    question = await env.server.send_message(env.channel, env.member, mention)
    answer = await env.server.wait_channel_message(env.channel)
    assert answer.reference is question
    await env.server.send_message(
        env.channel, env.member, "thanks, that's great", mentions=[env.server.bot],
        reply_to=answer,
    )  # fmt: skip
    again = await env.server.send_message(env.channel, env.member, mention)
    reply = await env.server.wait_channel_message(env.channel)
    assert reply.reference is again  # the "thanks" got no reply of its own


async def test_one_limit_for_ask_summary_and_mentions(env: BotEnv) -> None:
    """`cooldown_rate` questions a `cooldown_seconds`, however they are asked."""
    record = await env.server.send_slash_command("ask", {"question": "chair?"}, user=env.member)
    await record.wait_final_message()
    await env.server.send_message(env.channel, env.member, f"{env.server.bot.mention} chair?")
    await env.server.wait_channel_message(env.channel)
    record = await env.server.send_slash_command("summary", {}, user=env.member)
    await record.wait_final_message()
    limited = await env.server.send_slash_command("ask", {"question": "again?"}, user=env.member)
    message = await limited.wait_final_message()
    assert message.ephemeral and message.content.startswith("Slow down: try again in ")


async def test_show_passages_after_the_documents_changed_says_so(
    make_folder: FolderFactory,
) -> None:
    """The button names passages by document and number: once the document changed, that
    number may hold other text, which is not shown under the old citation."""
    release = (KNOWLEDGE / "apec-ppsti-guangzhou.md").read_text(encoding="utf-8")
    folder = make_folder({"apec-ppsti-guangzhou.md": release})
    async with running_bot(folder) as env:
        record = await env.server.send_slash_command(
            "ask", {"question": "Who is the vice chair of PPSTI?"}
        )
        answer = await record.wait_final_message()
        edited = release.replace("Hazami Habib", "Dr Ana Ruiz")  # the cited passage changed
        (folder / "apec-ppsti-guangzhou.md").write_text(edited, encoding="utf-8")
        assert env.service.reload().swapped
        click = await env.server.click_button(answer, answer.custom_ids()[0], user=env.member)
        shown = await click.wait_final_message()
        assert shown.ephemeral and shown.content.startswith("These passages have changed since")


async def test_a_failing_button_is_a_private_error(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = await env.server.send_slash_command("ask", {"question": "Who is the chair of PPSTI?"})
    answer = await record.wait_final_message()

    def broken(refs: object) -> None:
        raise RuntimeError("index exploded")

    monkeypatch.setattr(env.service, "citations_for", broken)
    click = await env.server.click_button(answer, answer.custom_ids()[0], user=env.member)
    shown = await click.wait_final_message()
    assert shown.ephemeral and shown.content.startswith("Sorry, something went wrong (error ")


async def test_show_passages_shows_every_passage_a_summary_cites() -> None:
    """A summary asked with /ask cites a dozen passages; the button's 100-character id must
    carry them all."""
    minutes = Path(__file__).parent / "data" / "meetings"
    async with running_bot(minutes) as env:
        minutes_of_march = "2026-03-02-harbour-board-minutes.md"
        record = await env.server.send_slash_command(
            "ask", {"question": "Summarise the meeting", "document": minutes_of_march}
        )
        summary = await record.wait_final_message()
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", plain(summary.content))}
        assert len(cited) >= 9
        button = next(i for i in summary.custom_ids() if i.startswith("rap:p:"))
        click = await env.server.click_button(summary, button, user=env.member)
        await click.wait_followup(1)  # more than one message holds
        await asyncio.sleep(0.2)
        pages = [plain(m.content) for m in click.followups]
        assert all(len(m.content) <= 2000 and m.ephemeral for m in click.followups)
        shown = [int(n) for page in pages for n in re.findall(r"^\[(\d+)\]", page, re.M)]
        assert shown == sorted(cited)


def test_a_passages_button_sent_before_digests_still_parses() -> None:
    """Buttons under answers sent by an earlier version carry no digest: they still work."""
    from bot.discord_app.views import PassagesButton

    template = PassagesButton.__discord_ui_compiled_template__
    old = re.fullmatch(template, "rap:p:75bcc20f.11,75bcc20f.12")
    assert old is not None and old["digest"] is None and old["refs"] == "75bcc20f.11,75bcc20f.12"
    new = re.fullmatch(template, "rap:p:26495b:75bcc20f.11")
    assert new is not None and (new["digest"], new["refs"]) == ("26495b", "75bcc20f.11")
    runs = re.fullmatch(template, "rap:p:26495b:75bcc20f.11-12-3,0a1b2c3d.4")
    assert runs is not None
    pairs = PassagesButton(runs["refs"], runs["digest"]).parsed()
    assert pairs == [("75bcc20f", 11), ("75bcc20f", 12), ("75bcc20f", 3), ("0a1b2c3d", 4)]
    assert PassagesButton(old["refs"]).parsed() == [("75bcc20f", 11), ("75bcc20f", 12)]


async def test_an_emptied_folder_is_loaded_only_when_the_reload_is_forced(
    make_folder: FolderFactory,
) -> None:
    """An unmounted or emptied folder keeps the index; `/reload force:true` loads it anyway."""
    release = (KNOWLEDGE / "apec-ppsti-guangzhou.md").read_text(encoding="utf-8")
    folder = make_folder({"apec-ppsti-guangzhou.md": release})
    async with running_bot(folder) as env:
        admin = env.server.admin(env.guild)
        (folder / "apec-ppsti-guangzhou.md").unlink()
        kept = await env.server.send_slash_command("reload", user=admin)
        assert plain((await kept.wait_final_message()).content).startswith("Reload failed")
        assert len(env.service.snapshot.documents) == 1
        forced = await env.server.send_slash_command("reload", {"force": True}, user=admin)
        text = plain((await forced.wait_final_message()).content)
        assert text.startswith("Knowledge folder reloaded") and not env.service.snapshot.documents
