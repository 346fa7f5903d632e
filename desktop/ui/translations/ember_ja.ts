<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name></name>
    <message>
        <source>Bench: your models on this machine</source>
        <translation>ベンチマーク：このマシンのモデル</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Quick (about a minute)</source>
        <translation>クイック（約 1 分）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Speed (TTFT, tokens/s at 512 / 8K / 32K prompt tokens), coding tasks with hidden tests in a sandbox, JSON validity with JSON mode off and on, and a long-document probe. Runs are stored.</source>
        <translation>速度（プロンプト 512 / 8K / 32K トークンでの TTFT と tokens/s）、サンドボックスで隠しテスト付きのコーディング課題、JSON モードのオフ／オンでの JSON の妥当性、長文ドキュメントの検査。実行結果は保存されます。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>Run model-written code without isolation?</source>
        <translation>モデルが書いたコードを隔離なしで実行しますか？</translation>
    </message>
    <message>
        <source>The coding suite runs code the model wrote. Ember isolates it with bubblewrap on Linux, which is not available here (on Linux: sudo apt install bubblewrap).

Run it anyway with only time and memory limits? The results will be marked &quot;not isolated&quot;. No skips the coding suite.</source>
        <translation>コーディング課題はモデルが書いたコードを実行します。Ember は Linux では bubblewrap で隔離しますが、ここでは使えません（Linux では sudo apt install bubblewrap）。

時間とメモリの制限だけで実行しますか？ 結果には「隔離なし」と記されます。「いいえ」を選ぶとコーディング課題を飛ばします。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancelled: the table holds what was measured.</source>
        <translation>キャンセルしました：表には測定済みの結果があります。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message>
        <source>{text} (not stored: {e})</source>
        <translation>{text}（保存されていません：{e}）</translation>
    </message>
    <message>
        <source>Check: running the answer&apos;s own tests in the sandbox… (Stop ends it)</source>
        <translation>チェック：回答自身のテストをサンドボックスで実行中…（「停止」で終了）</translation>
    </message>
    <message>
        <source>Check: not finished (the window that ran it was closed)</source>
        <translation>チェック：未完了（実行していたウィンドウが閉じられました）</translation>
    </message>
    <message>
        <source>Check: no tests or examples in the answer: not checked</source>
        <translation>チェック：回答にテストも例もないため、チェックしていません</translation>
    </message>
    <message>
        <source>Check: not run: {reason}</source>
        <translation>チェック：実行されませんでした：{reason}</translation>
    </message>
    <message>
        <source>no sandbox here</source>
        <translation>ここにはサンドボックスがありません</translation>
    </message>
    <message>
        <source>Check: stopped by you (no more repair rounds)</source>
        <translation>チェック：あなたが停止しました（修正ラウンドはこれ以上行いません）</translation>
    </message>
    <message>
        <source>Check: {head} (passed)</source>
        <translation>チェック：{head}（合格）</translation>
    </message>
    <message>
        <source>Check: {head} (passed) · {seconds:.2f} s</source>
        <translation>チェック：{head}（合格）· {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Check: {head} (failed)</source>
        <translation>チェック：{head}（不合格）</translation>
    </message>
    <message>
        <source>Check: {head} (failed) · {seconds:.2f} s</source>
        <translation>チェック：{head}（不合格）· {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>{line} — asking for a repair ({n} of {rounds})</source>
        <translation>{line} — 修正を依頼しています（{rounds} 回中 {n} 回目）</translation>
    </message>
    <message>
        <source>{line} — still failing after 1 repair round</source>
        <translation>{line} — 1 回の修正後もまだ不合格です</translation>
    </message>
    <message>
        <source>{line} — still failing after {rounds} repair rounds</source>
        <translation>{line} — {rounds} 回の修正後もまだ不合格です</translation>
    </message>
    <message>
        <source>Add an MCP server</source>
        <translation>MCP サーバーを追加</translation>
    </message>
    <message>
        <source>A local MCP server that speaks over standard input and output (stdio). Its tools can then be offered to the model in a chat.</source>
        <translation>標準入出力（stdio）で通信するローカルの MCP サーバーです。そのツールをチャットでモデルに提供できます。</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>サーバー名</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>コマンドライン</translation>
    </message>
    <message>
        <source>KEY=VALUE, one a line (optional)</source>
        <translation>KEY=VALUE を 1 行に 1 つ（任意）</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>環境変数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>The command line cannot be read: {e}.</source>
        <translation>コマンドラインを読み取れません：{e}。</translation>
    </message>
    <message>
        <source>Environment lines are KEY=VALUE, not {line!r}.</source>
        <translation>環境変数の行は KEY=VALUE の形式です（{line!r} ではありません）。</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP サーバー</translation>
    </message>
    <message>
        <source>Server / tool</source>
        <translation>サーバー / ツール</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>MCP servers and their tools</source>
        <translation>MCP サーバーとそのツール</translation>
    </message>
    <message>
        <source>Add MCP server…</source>
        <translation>MCP サーバーを追加…</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: Resume goes on from where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the part fetched is kept, so downloading it again resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads: {n} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads: {n} paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}, {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}, {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the download of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the download of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the download of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the download of {name} from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No downloads. Models… and Add from Hugging Face start them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads (Ctrl+J): progress, pause, resume, cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gb:.1f} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a few GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is downloaded and verified. Switch to it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name} in the background ({pct}): keep chatting, Ember offers to switch when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are using the tiny practice model. {name} is already downloaded: switch to it for real answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is Gemma 3 270M, a tiny practice model: it continues code and text but does not follow instructions. For real answers, download {name} ({size}), the model recommended for this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download {name} ({size})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded model is not in the list yet: open Models… to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>The remote engine {name} refused the API key, so it was not added.</source>
        <translation>リモートエンジン {name} が API キーを拒否したため、追加しませんでした。</translation>
    </message>
    <message>
        <source>The remote engine {name} needs an API key, so it was not added.</source>
        <translation>リモートエンジン {name} には API キーが必要なため、追加しませんでした。</translation>
    </message>
    <message>
        <source>Add a remote engine</source>
        <translation>リモートエンジンを追加</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server: vLLM, llama-server, LM Studio, Ollama (/v1) or another Ember. Its models appear beside the local ones.</source>
        <translation>OpenAI 互換のサーバーなら何でも：vLLM、llama-server、LM Studio、Ollama（/v1）、別の Ember。そのモデルはローカルのモデルと並んで表示されます。</translation>
    </message>
    <message>
        <source>optional; kept in the OS keyring</source>
        <translation>任意。OS のキーリングに保存されます</translation>
    </message>
    <message>
        <source>as the server says</source>
        <translation>サーバーの設定どおり</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>コンテキスト（トークン）</translation>
    </message>
    <message>
        <source>optional: the https server&apos;s own certificate (PEM)</source>
        <translation>任意：その https サーバー自身の証明書（PEM）</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 証明書ファイル</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>CA 証明書ファイルを選択</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 証明書</translation>
    </message>
    <message>
        <source>The server&apos;s certificate</source>
        <translation>サーバーの証明書</translation>
    </message>
    <message>
        <source>Adding {name} and asking it for its models…</source>
        <translation>{name} を追加し、モデルを問い合わせています…</translation>
    </message>
    <message>
        <source>Remote engine added</source>
        <translation>リモートエンジンを追加しました</translation>
    </message>
    <message>
        <source>{name} was added, but: {error}</source>
        <translation>{name} を追加しましたが：{error}</translation>
    </message>
    <message>
        <source>Remote engines</source>
        <translation>リモートエンジン</translation>
    </message>
    <message>
        <source>Add remote engine…</source>
        <translation>リモートエンジンを追加…</translation>
    </message>
    <message>
        <source>key in the OS keyring</source>
        <translation>キーは OS のキーリングにあります</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>キーなし</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>declined by you</source>
        <translation>あなたが拒否</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>{state} · {seconds:.2f} s</source>
        <translation>{state} · {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Show or hide what the tool was given and what it returned</source>
        <translation>ツールに渡したものと返したものの表示を切り替え</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>引数</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>[... {n:,} more characters]</source>
        <translation>[… 残り {n:,} 文字]</translation>
    </message>
    <message>
        <source>Write a file?</source>
        <translation>ファイルを書き込みますか？</translation>
    </message>
    <message>
        <source>The model wants to write {path} in the project folder {folder}. Nothing is written unless you choose Write.</source>
        <translation>モデルがプロジェクトフォルダー {folder} に {path} を書き込もうとしています。「書き込む」を選ばない限り何も書き込まれません。</translation>
    </message>
    <message>
        <source>The model wants to write {path}. Nothing is written unless you choose Write.</source>
        <translation>モデルが {path} を書き込もうとしています。「書き込む」を選ばない限り何も書き込まれません。</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>書き込む</translation>
    </message>
    <message>
        <source>Don&apos;t write</source>
        <translation>書き込まない</translation>
    </message>
    <message>
        <source>Unexpected error while loading: {error}</source>
        <translation>読み込み中に予期しないエラー：{error}</translation>
    </message>
    <message>
        <source>Unexpected error while connecting: {error}</source>
        <translation>接続中に予期しないエラー：{error}</translation>
    </message>
    <message>
        <source>Reading {name} was cancelled.</source>
        <translation>{name} の読み込みはキャンセルされました。</translation>
    </message>
    <message>
        <source>The model is not loaded (the engine is starting): try again in a moment.</source>
        <translation>モデルはまだ読み込まれていません（エンジンを起動中）。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Unexpected error while answering: {error}</source>
        <translation>回答中に予期しないエラー：{error}</translation>
    </message>
    <message>
        <source>Tools run with Ember&apos;s own engine; this remote engine answers plain chats (turn Tools and the project folder off).</source>
        <translation>ツールは Ember 自身のエンジンでのみ動きます。このリモートエンジンは通常のチャットだけに答えます（「ツール」とプロジェクトフォルダーをオフにしてください）。</translation>
    </message>
    <message>
        <source>paused: Resume goes on from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled (the part fetched is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◐ partial (slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ won&apos;t fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {physical_cores} cores · {value:.0f} GB RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from Hugging Face…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a model from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a Hugging Face repository (owner/name or its address) and pick one of its GGUF files (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link in place instead of copying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link imported files in place instead of copying them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ember uses the file where it is (nothing copied); the model stops working if the file is moved or deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote engines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models served by vLLM, llama-server, LM Studio, Ollama or another Ember elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gb:.2f} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (it was {target})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These models were linked in place and their file is gone, so they cannot be loaded: {gone}. Put the file back, or import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make {name} the default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file {i}/{n}: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner/name or https://huggingface.co/owner/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List GGUF files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the repository&apos;s GGUF files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF files of the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Hugging Face for the repository&apos;s files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split into {len} parts, downloaded as one model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ember could not list the repository: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {name} in the background (Downloads in the status bar shows it): you can close this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Ember</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{headline}, {cores} cores, {ram:.0f} GB RAM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private coding assistant: everything runs on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This machine:&lt;/b&gt; {machine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name} ({gb:.1f} GB download). {sentence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name}. {sentence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can chat right now with the tiny embedded model while it downloads; it is rough but instant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with the embedded model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
