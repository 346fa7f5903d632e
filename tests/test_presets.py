"""Qt-free: user presets (core/presets.py), per-model defaults layered between the global
settings and a chat's own (core/settings.py, core/session.py), JSON schemas checked before use
(core/json_schema.py)."""
from __future__ import annotations

import json

import pytest

from desktop.core.json_schema import EXAMPLES, SchemaProblem, check_text, converter_problem
from desktop.core.presets import PresetError, Presets
from desktop.core.session import ChatSession
from desktop.core.settings import DEFAULTS, PRESETS, Settings
from desktop.core.store import Store


# ------------------------------------------------------------------------------ presets
def test_presets_save_rename_delete_persist(tmp_path):
    ps = Presets(tmp_path / "presets.json")
    assert ps.names() == list(PRESETS)
    name = ps.save("  Terse   reviewer ", {"system_prompt": "Be terse.", "temperature": 0.2,
                                           "theme": "dark"})
    assert name == "Terse reviewer"
    again = Presets(tmp_path / "presets.json")
    assert again.get("Terse reviewer").values == {"system_prompt": "Be terse.",
                                                  "temperature": 0.2}
    assert again.rename("Terse reviewer", "Short") == "Short"
    assert "Terse reviewer" not in Presets(tmp_path / "presets.json").names()
    again.delete("Short")
    assert Presets(tmp_path / "presets.json").names() == list(PRESETS)


@pytest.mark.parametrize("name", ["", "   ", "Custom", "custom", "Code reviewer", "x" * 81])
def test_a_bad_preset_name_is_refused(tmp_path, name):
    ps = Presets(tmp_path / "presets.json")
    with pytest.raises(PresetError):
        ps.save(name, {"system_prompt": "x"})
    assert not (tmp_path / "presets.json").exists()


def test_built_in_presets_cannot_be_renamed_or_deleted(tmp_path):
    ps = Presets(tmp_path / "presets.json")
    for name in PRESETS:
        with pytest.raises(PresetError, match="built-in"):
            ps.delete(name)
        with pytest.raises(PresetError, match="built-in"):
            ps.rename(name, "Other")
    assert ps.names() == list(PRESETS)


def test_a_bad_value_is_refused(tmp_path):
    ps = Presets(tmp_path / "presets.json")
    with pytest.raises(PresetError, match="temperature"):
        ps.save("Hot", {"system_prompt": "x", "temperature": 9.0})
    with pytest.raises(PresetError, match="no system prompt"):
        ps.save("Empty", {"theme": "dark"})


def test_match_names_the_default_preset_not_custom(tmp_path):
    ps = Presets(tmp_path / "presets.json")
    assert ps.match({"system_prompt": DEFAULTS["system_prompt"]}) == "Ember (default)"
    assert ps.match({"system_prompt": "  " + PRESETS["Code reviewer"] + "\n"}) == "Code reviewer"
    assert ps.match({"system_prompt": "Something else"}) is None
    vals = {"system_prompt": "Mine", "temperature": 0.3, "top_p": 0.9}
    ps.save("Mine", vals)
    assert ps.match({**vals, "top_k": 40}) == "Mine"
    assert ps.match({**vals, "temperature": 0.31}) is None


def test_export_import_round_trip_and_clashes(tmp_path):
    a = Presets(tmp_path / "a.json")
    a.save("Reviewer", {"system_prompt": "Review.", "temperature": 0.1})
    a.save("Poet", {"system_prompt": "Rhyme.", "max_tokens": 64})
    assert a.export_file(tmp_path / "out.json") == 2
    b = Presets(tmp_path / "b.json")
    b.save("Reviewer", {"system_prompt": "Different."})
    added = b.import_file(tmp_path / "out.json")
    assert added == ["Reviewer (2)", "Poet"]
    assert b.get("Reviewer (2)").values == {"system_prompt": "Review.", "temperature": 0.1}
    assert b.get("Reviewer").values == {"system_prompt": "Different."}
    assert b.import_file(tmp_path / "out.json") == []   # the same again: nothing new


@pytest.mark.parametrize("content, match", [
    ("not json", "not JSON"),
    ('{"format": "other"}', "not an Ember presets file"),
    ('{"format": "ember-presets", "presets": [{"name": "x"}]}', "needs a name and values"),
    ('{"format": "ember-presets", "presets": [{"name": "ok", "values": {"system_prompt": "a"}},'
     ' {"name": "bad", "values": {"top_p": 5}}]}', "top_p"),
])
def test_a_bad_presets_file_imports_nothing(tmp_path, content, match):
    ps = Presets(tmp_path / "presets.json")
    ps.save("Kept", {"system_prompt": "k"})
    before = (tmp_path / "presets.json").read_text()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(PresetError, match=match):
        ps.import_file(bad)
    assert ps.names() == list(PRESETS) + ["Kept"]
    assert (tmp_path / "presets.json").read_text() == before
    with pytest.raises(PresetError, match="no file"):
        ps.import_file(tmp_path / "missing.json")


def test_a_damaged_presets_file_is_kept_aside(tmp_path):
    (tmp_path / "presets.json").write_text("{broken")
    ps = Presets(tmp_path / "presets.json")
    assert ps.error and ps.names() == list(PRESETS)
    assert (tmp_path / "presets.json.bad").read_text() == "{broken"


# ------------------------------------------------------------------ per-model defaults
def test_model_defaults_lie_between_global_and_chat(tmp_path):
    s = Settings(tmp_path / "settings.json")
    s.set("temperature", 0.5)
    s.set_model_defaults("embedded", {"temperature": 0.1, "n_ctx": 4096,
                                      "system_prompt": "Model prompt."})
    s.save()
    s = Settings(tmp_path / "settings.json")   # kept in settings.json
    assert s.effective(None)["temperature"] == 0.5
    eff = s.effective(None, model="embedded")
    assert (eff["temperature"], eff["n_ctx"], eff["system_prompt"]) == (0.1, 4096,
                                                                        "Model prompt.")
    assert s.effective({"temperature": 0.9}, model="embedded")["temperature"] == 0.9
    assert s.effective(None, model="other")["temperature"] == 0.5
    s.set_model_defaults("embedded", {})
    assert s.effective(None, model="embedded")["temperature"] == 0.5


def test_bad_model_defaults_are_refused(tmp_path):
    s = Settings(tmp_path / "settings.json")
    with pytest.raises(ValueError, match="cannot set"):
        s.set_model_defaults("m", {"theme": "dark"})
    with pytest.raises(ValueError, match="temperature"):
        s.set_model_defaults("m", {"temperature": 7})
    (tmp_path / "settings.json").write_text(json.dumps(
        {"model_defaults": {"m": {"top_p": 3}}, "temperature": 0.3}))
    s = Settings(tmp_path / "settings.json")
    assert s.error and s.model_defaults("m") == {} and s.get("temperature") == 0.3


def test_session_uses_the_model_defaults_and_the_chat_schema(tmp_path):
    s = Settings(tmp_path / "settings.json")
    s.set_model_defaults("embedded", {"temperature": 0.15, "max_tokens": 77,
                                      "system_prompt": "Model prompt."})
    store = Store(tmp_path / "ember.db")
    sess = ChatSession(store, s)
    assert sess.sampling().temperature == DEFAULTS["temperature"]
    sess.model_key = "embedded"
    assert (sess.sampling().temperature, sess.sampling().max_tokens) == (0.15, 77)
    schema = EXAMPLES["A choice among values (enum)"]
    sess.conversation_settings = {"schema": schema}
    turn = sess.ask("How do you feel?", json_mode=True)
    assert turn.messages[0] == {"role": "system", "content": "Model prompt."}
    assert turn.json_schema == schema and turn.json_mode
    store.update_conversation(sess.conversation_id, settings={"schema": schema,
                                                              "temperature": 0.8})
    assert sess.sampling().temperature == 0.8   # the chat's own wins
    assert sess.regenerate(turn.reply_id, json_mode=False).json_schema is None
    store.close()


# --------------------------------------------------------------------------- schemas
def test_examples_are_valid_schemas():
    for schema in EXAMPLES.values():
        assert check_text(json.dumps(schema)) == schema


@pytest.mark.parametrize("text, match, line", [
    ("", "empty", None),
    ('{\n  "type": "object",\n  "properties": {,}\n}', "line 3, column 18", 3),
    ("[1, 2]", "must be a JSON object", None),
    ('{"type": "banana"}', "not a valid JSON schema", None),
    ('{"type": "object", "required": "name"}', "not a valid JSON schema", None),
    ('{"type": "string", "pattern": "abc"}', "cannot turn this schema into a grammar", None),
    ('{"$ref": "https://example.com/s.json"}', "cannot turn this schema into a grammar", None),
])
def test_a_bad_schema_says_why(text, match, line):
    with pytest.raises(SchemaProblem, match=match) as e:
        check_text(text)
    assert e.value.line == line


def test_the_converter_check_does_not_import_llama_cpp():
    import sys
    assert converter_problem({"type": "object"}) is None
    import subprocess
    code = ("import sys; from desktop.core.json_schema import check_text;"
            "check_text('{\"type\": \"object\"}');"
            "from desktop.core.json_schema import converter_problem as c;"
            "assert c({'type': 'string', 'pattern': 'x'});"
            "print(any(m.startswith('llama_cpp') for m in sys.modules))")
    from pathlib import Path
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False", out.stderr
