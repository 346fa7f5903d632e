"""`ember serve`: the engine process. It owns the one llama.cpp model (host.py), speaks the
OpenAI API and Ember's own routes over HTTP (app.py), and listens on a private channel and,
opt-in, on a loopback TCP port for editors (run.py). Clients: desktop/core/client.py."""
