"""The Qt-free ChatSession driven directly: a Store on a temporary file and a real engine."""
from __future__ import annotations

import pytest

from desktop.core import documents
from desktop.core.errors import EmberError
from desktop.core.session import ChatSession, NeedsReload, open_end, run_turn
from desktop.core.settings import Settings
from desktop.core.store import Store


@pytest.fixture
def session(tmp_path):
    st = Settings(tmp_path / "settings.json")
    st.set("temperature", 0.0)
    st.set("max_tokens", 12)
    store = Store(tmp_path / "ember.db")
    s = ChatSession(store, st, model_name="Gemma 3 270m")
    yield s
    store.close()


def _answer(engine, session, turn):
    pieces = []
    t = run_turn(engine, session, turn, on_pieces=pieces.append)
    session.finish(turn, t.text, t.metrics)
    assert "".join(pieces) == t.text
    return t


def test_ask_creates_titles_and_answers(session, gemma_engine):
    turn = session.ask("def fibonacci(n):\nplease")
    cid = session.conversation_id
    conv = session.store.get_conversation(cid)
    assert conv.title == "def fibonacci(n):" and conv.model == "Gemma 3 270m"
    assert turn.messages[0]["role"] == "system"            # the settings' system prompt
    assert turn.messages[-1] == {"role": "user", "content": "def fibonacci(n):\nplease"}
    assert turn.conv_key == conv.uid     # KV snapshots are keyed by the uid (issue 13)
    t = _answer(gemma_engine, session, turn)
    path = session.store.path(cid)
    assert [m.role for m in path] == ["user", "assistant"]
    assert path[-1].content == t.text and path[-1].status == "complete"
    # a follow-up sends the whole thread, question last
    turn2 = session.ask("and now in Rust")
    assert [m["role"] for m in turn2.messages] == ["system", "user", "assistant", "user"]
    _answer(gemma_engine, session, turn2)


def test_regenerate_edit_and_continue(session, gemma_engine):
    # min_tokens: every answer has 12 tokens on any CPU (continue needs a cut answer, the
    # first branch's answer must be there to keep)
    session.settings.set("min_tokens", 12)
    t1 = session.ask("Count: 1, 2, 3,")
    first = _answer(gemma_engine, session, t1)
    reply = session.store.path(session.conversation_id)[-1]
    # regenerate: a second version under the same question
    again = session.regenerate(reply.id)
    _answer(gemma_engine, session, again)
    versions = session.store.versions(again.reply_id)
    assert len(versions) == 2
    # continue: a new version that starts with the cut answer's text
    cont = session.continue_(again.reply_id)
    # issue 28 (5): the cut answer goes last, for the model to go on from (a request to
    # continue was answered with the same text again)
    assert cont.messages[-1] == {"role": "assistant", "content": cont.prefix} and cont.prefix
    assert session.store.get_message(again.reply_id).content.startswith(cont.prefix)
    t = run_turn(gemma_engine, session, cont)
    session.finish(cont, t.text, t.metrics)
    msg = session.store.get_message(cont.reply_id)
    assert msg.content == cont.prefix + t.text and len(session.store.versions(msg.id)) == 3
    assert t.text.strip() and msg.content != session.store.get_message(again.reply_id).content
    # edit: a new branch from an edited question
    q = session.store.path(session.conversation_id)[0]
    edited = session.edit(q.id, "Count: 10, 20, 30,")
    _answer(gemma_engine, session, edited)
    path = session.store.path(session.conversation_id)
    assert path[0].content == "Count: 10, 20, 30," and len(path) == 2
    assert first.text  # the first branch's answer is kept in the store
    assert any(m.content == first.text for m in session.store.all_messages(session.conversation_id))


def test_streaming_text_is_saved_while_it_streams(session, gemma_engine):
    session.settings.set("max_tokens", 60)
    session.settings.set("min_tokens", 60)  # text streams (and is saved) on any CPU
    turn = session.ask("Count: 1, 2, 3, 4,")
    seen = []
    reader = Store(session.store.db_path)
    try:
        def on_pieces(_chunk):
            seen.append(reader.get_message(turn.reply_id).content)
        t = run_turn(gemma_engine, session, turn, on_pieces=on_pieces, emit_interval=0.0,
                     flush_interval=0.0)
    finally:
        reader.close()
    assert any(seen) and all(t.text.startswith(x) for x in seen)
    assert session.store.get_message(turn.reply_id).status == "streaming"
    session.stop(turn, t.text)
    m = session.store.get_message(turn.reply_id)
    assert m.status == "complete" and m.finish_reason == "cancelled"


def test_documents_go_first_and_a_too_long_one_asks_to_reload(session, gemma_engine):
    doc = documents.from_text("notes.md", "# Notes\n\nThe deploy key rotates on **Tuesday**.\n")
    turn = session.ask("When does the key rotate?", [(doc, None)])
    assert [d.name for d in turn.docs] == ["notes.md"]
    t = run_turn(gemma_engine, session, turn)
    session.finish(turn, t.text, t.metrics)
    assert turn.budget.decision == "fits"
    # a document longer than the 2K context: the planner offers a reload (or retrieval)
    big = documents.from_text("big.txt", "word " * 4000)
    turn2 = session.ask("Summarize.", [(big, None)])
    try:
        run_turn(gemma_engine, session, turn2)
    except NeedsReload as e:
        assert e.budget.decision == "reload" and e.budget.plan.n_ctx > 2048
        turn2.allow_reload = False  # declined: the best-matching parts are sent instead
        t2 = run_turn(gemma_engine, session, turn2)
        assert turn2.budget.decision == "retrieve" and t2.metrics.prompt_tokens < 2048
    else:
        assert turn2.budget.decision == "retrieve"


def test_empty_question_and_no_conversation_are_clear_errors(session):
    with pytest.raises(EmberError):
        session.ask("   ")
    with pytest.raises(EmberError):
        session.regenerate(12345)


def test_terminal_options_and_forgetting_an_unanswered_question(tmp_path, gemma_engine):
    from desktop.core.turns import SamplingSettings
    store = Store(tmp_path / "t.db")
    fixed = SamplingSettings(temperature=0.0, max_tokens=6)
    s = ChatSession(store, None, model_name="m", system=None, sampling=fixed,
                    conversation_settings={"json_mode": False, "max_tokens": 6})
    turn = s.ask("hello")
    assert turn.messages == [{"role": "user", "content": "hello"}]  # no system prompt at all
    assert turn.sampling is fixed
    assert store.get_conversation(s.conversation_id).settings["max_tokens"] == 6
    t = run_turn(gemma_engine, s, turn)
    s.finish(turn, t.text, t.metrics)
    # a second question refused before any token: it goes, the first exchange stays
    t2 = s.ask("again")
    s.forget(t2)
    assert [m.content for m in store.path(s.conversation_id)] == ["hello", t.text]
    # the first question of a new conversation, forgotten: the conversation goes too
    s.new()
    t3 = s.ask("lonely")
    cid = s.conversation_id
    s.forget(t3)
    assert s.conversation_id is None
    assert cid not in [c.id for c in store.list_conversations()]
    s.set_system("Be brief.")
    assert s.ask("x").messages[0] == {"role": "system", "content": "Be brief."}
    store.close()


def test_terminal_chat_goes_on_unsaved_when_the_store_fails(tmp_path, gemma_engine, capsys):
    from desktop.cli.chat import _TerminalChat
    from desktop.core.store import StoreError
    from desktop.core.turns import SamplingSettings
    store = Store(tmp_path / "t.db")
    # min_tokens: a first answer on any CPU (an empty one is left out of the history)
    s = ChatSession(store, None, model_name="m", system=None,
                    sampling=SamplingSettings(temperature=0.0, max_tokens=6, min_tokens=6))
    chat = _TerminalChat(s, json_mode=False, schema=None, saved=True)
    turn = chat.guard(s.ask, "first")
    t = run_turn(gemma_engine, s, turn)
    chat.guard(s.finish, turn, t.text, t.metrics)
    real = store.add_message

    def full_disk(*a, **kw):
        raise StoreError("The disk is full.")
    store.add_message = full_disk   # the user's store fails from now on
    turn2 = chat.guard(s.ask, "second")
    assert "no longer being saved" in capsys.readouterr().err
    assert not chat.saved and s.store is not store
    assert [m["content"] for m in turn2.messages] == ["first", t.text, "second"]
    store.add_message = real
    assert [m.content for m in store.path(1)] == ["first", t.text]  # the saved part is intact
    chat.close()
    store.close()


def test_a_cut_code_block_is_opened_again_to_continue():
    """Continue goes on inside the code block Ember closed after a cut (issue 28, 5)."""
    cut = "```python\ndef f(n):\n    return n +\n```\n"
    assert open_end(cut) == "```python\ndef f(n):\n    return n +\n"
    assert open_end("Plain words, cut") == "Plain words, cut"
    done = "```python\nx = 1\n```\n\nAnd then ```"          # an odd fence count: as it is
    assert open_end(done) == done
