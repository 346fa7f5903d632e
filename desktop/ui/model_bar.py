"""The window's room for the model and the engine (issue 26): the model picker (local models,
then the remote engines' ones), loading the chosen one through the worker, what the load says
(the planner's sentence, where the layers went), and the status bar's figures (TTFT, tokens/s,
threads, context; RAM and VRAM come from the poller's thread once a second)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMessageBox

from ..core import models as models_mod
from .i18n import tr
from .worker import LoadRequest


class ModelBar(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self.models: list = []
        self.remote_found: list = []    # the remote engines' models (core/remote.Reachability)
        self.engine_pid: int | None = None
        self.engine_port: int | None = None

    @staticmethod
    def engine_name(ref) -> str | None:
        """What the engine loads a listed model by: the embedded model by its name (the engine
        assembles it on first use, off the window's thread), others by their file."""
        return ref.key if ref.key == models_mod.EMBEDDED else None

    def refresh(self) -> None:
        w = self.w
        combo = w.model_combo
        self.models = models_mod.available_models()
        current = combo.currentData()
        combo.clear()
        for ref in self.models:
            combo.add_model(ref)
        combo.check_fits(self.models)   # fits / partial / won't fit, on a thread
        default = w.settings.get("default_model")
        for i, ref in enumerate(self.models):
            if (current is not None and ref.path == current.path) or \
                    (current is None and default and ref.key == default):
                combo.setCurrentIndex(i)
                break
        self._fill_remote(current)
        w.worker.list_remotes()    # asked on a thread of the worker: on_remote_models

    @Slot(object)
    def on_remote_models(self, found: list) -> None:
        self.remote_found = found
        self._fill_remote(self.w.model_combo.currentData())

    def _fill_remote(self, current) -> None:
        """The remote engines' models after the local ones ("gpu-box · Qwen2.5-7B"); one that
        does not answer is a greyed line saying why."""
        from ..core.remote import RemoteModel
        combo = self.w.model_combo
        while combo.count() > len(self.models):
            combo.removeItem(combo.count() - 1)
        for x in self.remote_found:
            if x.error:
                combo.addItem(f"{x.remote.name} · {x.short}", None)
                combo.model().item(combo.count() - 1).setEnabled(False)
                combo.setItemData(combo.count() - 1, x.error, Qt.ToolTipRole)
                continue
            for mid in x.models:
                ref = RemoteModel(x.remote.name, mid)
                combo.add_model(ref)
                if isinstance(current, RemoteModel) and current.key == ref.key:
                    combo.setCurrentIndex(combo.count() - 1)

    @Slot()
    def load_selected(self) -> None:
        w = self.w
        ref = w.model_combo.currentData()
        if ref is None:
            return
        if w.answers.generating:
            w.answers.stop()
        s = w.settings
        remote = getattr(ref, "remote", None)   # a remote engine's model (core/remote.py)
        w.session.model_key = ref.key           # its own defaults apply (Settings: this model)
        ctx = s.effective(None, model=ref.key)["n_ctx"]
        w.worker.request_load.emit(LoadRequest(
            path=ref.path, label=ref.title, ctx=ctx, gpu_layers=s.get("gpu_layers"),
            kv_type=s.get("kv_type"), flash_attn=s.get("flash_attn"),
            model=ref.model if remote else self.engine_name(ref), remote=remote))

    @Slot(str)
    def on_loading(self, label: str) -> None:
        w = self.w
        w.model_info = None
        w.model_state.setText(tr('Loading {label}…').format(label=label))
        w.model_progress.setVisible(True)
        ref = w.model_combo.currentData()
        w.model_combo.set_loading(str(ref.key) if ref is not None else None)
        w.send_btn.setEnabled(False)

    @Slot(object, object)
    def on_loaded(self, info, plan) -> None:
        w = self.w
        w.model_info, w.plan = info, plan
        where = (tr("remote engine") if info.architecture == "remote"
                 else tr("{n}/{total} layers on GPU").format(n=info.n_layers_offloaded,
                                                             total=info.n_layers)
                 if info.n_layers_offloaded else "CPU")
        w.model_state.setText(tr('● {name} · {value}K · {where}').format(
            name=info.name, value=info.n_ctx // 1024, where=where))
        w.model_progress.setVisible(False)
        w.model_combo.set_loading(None)
        text = plan.sentence
        if info.notice:
            text += "  " + info.notice
        w.plan_label.setText(text)
        w.plan_label.setToolTip(text)
        w.send_btn.setEnabled(True)
        w.tools.refresh()
        w.answers.engine_back()
        self.refresh_stats()
        w.answers.resend_waiting()
        w.attachments.preview_budget()

    @Slot(str)
    def on_load_failed(self, msg: str) -> None:
        w = self.w
        w.model_state.setText(tr("Not loaded"))
        w.model_progress.setVisible(False)
        w.model_combo.set_loading(None)
        w.plan_label.setText(msg)
        w.send_btn.setEnabled(False)
        QMessageBox.warning(w, tr("Ember could not load the model"), msg)

    @Slot(str)
    def on_notice(self, msg: str) -> None:
        self.w.statusBar().showMessage(msg, 10000)

    @Slot(object)
    def on_engine_ready(self, proc) -> None:
        self.engine_pid = proc.pid
        self.engine_port = self.w.settings.get("api_port") if proc.started_here else None
        self.refresh_stats()

    def pick(self) -> None:
        self.w.model_combo.setFocus()
        self.w.model_combo.showPopup()

    # ----------------------------------------------------------------------- status
    def _remember_cpu_speed(self, m) -> None:
        """A decode speed measured on the CPU, kept as model bytes read a second (a running
        average): the Models dialog estimates other models' tokens/s from it."""
        info = self.w.model_info
        if not (m and m.decode_tps and m.completion_tokens >= 8 and info is not None
                and info.where == "CPU" and info.size_bytes and info.architecture != "remote"):
            return
        now = info.size_bytes * m.decode_tps
        try:
            old = self.w.settings.get("cpu_bytes_per_s")
            self.w.settings.set("cpu_bytes_per_s", now if not old else 0.7 * old + 0.3 * now)
            self.w.settings.save()
        except (KeyError, ValueError, OSError):
            pass

    def refresh_stats(self) -> None:
        """The figures the window knows itself; memory comes from the poller's thread."""
        w = self.w
        self._remember_cpu_speed(w.last_metrics)   # the engine's last answer, on this machine
        m = getattr(w, "chat_metrics", None)       # the figures of the open chat
        L = w.stat_labels
        L["ttft"].setText(tr('TTFT {value:.0f} ms').format(value=m.ttft_s * 1000)
                          if m and m.ttft_s else tr("TTFT –"))
        L["tps"].setText(tr('{decode_tps:.1f} tokens/s').format(decode_tps=m.decode_tps)
                         if m and m.decode_tps else tr("– tokens/s"))
        last = w.last_metrics                      # the engine now: its latest answer's threads
        note = last.threads_note() if last else None   # fewer threads beside busy cores (24)
        L["threads"].setText(note[0] if note else "")
        L["threads"].setToolTip(note[1] if note else "")
        eng = w.worker.engine
        if w.model_info is not None and eng is not None:
            # the open chat's tokens (its last answer's prompt and answer), not whatever
            # another chat left in the engine's cache
            used = (eng.kv_tokens if getattr(w, "generating", False)   # live while it answers
                    else (m.prompt_tokens + m.completion_tokens) if m is not None else 0)
            L["ctx"].setText(tr('context {kv_tokens:,} / {n_ctx:,}').format(
                kv_tokens=used, n_ctx=w.model_info.n_ctx))
        else:
            L["ctx"].setText(tr("context –"))
        port = self.engine_port
        L["api"].setText(tr('API 127.0.0.1:{engine_port}').format(engine_port=port)
                         if port else "")
        L["api"].setToolTip(tr("Editors and scripts reach Ember's OpenAI-compatible API "
                               'at http://127.0.0.1:{engine_port}/v1').format(engine_port=port)
                            if port else "")
        w.poller.engine_pid = self.engine_pid

    @Slot(object)
    def on_memory(self, mem: dict) -> None:
        L = self.w.stat_labels
        L["ram"].setText(tr('RAM {value:.1f} GB (free {value2:.0f} GB)').format(
            value=mem['rss'] / 2 ** 30, value2=mem['available'] / 2 ** 30))
        vram = mem.get("vram")
        L["vram"].setText(tr('VRAM {value:.1f} / {value2:.0f} GB').format(
            value=vram[0] / 2 ** 30, value2=vram[1] / 2 ** 30) if vram else tr("VRAM –"))
