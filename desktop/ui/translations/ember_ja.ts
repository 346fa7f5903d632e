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
        <translation>予期しないエラー：{error}</translation>
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
        <source>Hide this notice</source>
        <translation>このお知らせを隠す</translation>
    </message>
    <message>
        <source>{gb:.1f} GB</source>
        <translation>{gb:.1f} GB</translation>
    </message>
    <message>
        <source>a few GB</source>
        <translation>数 GB</translation>
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
        <source>This is Gemma 3 270M, a tiny practice model: it continues code and text but does not follow instructions. For real answers, download {name} ({size}), the model recommended for this computer.</source>
        <translation>これは小さな練習用モデル Gemma 3 270M です。コードや文章の続きは書けますが、指示には従いません。本格的な回答には、このコンピューターに推奨されるモデル {name}（{size}）をダウンロードしてください。</translation>
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
        <source>{name}  (default)</source>
        <translation>{name}（既定）</translation>
    </message>
    <message>
        <source>{gb:.2f} GB</source>
        <translation>{gb:.2f} GB</translation>
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
        <source>Continue an answer cut by the limit</source>
        <translation>上限で切れた回答を続ける</translation>
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
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name} ({gb:.1f} GB download). {sentence}</source>
        <translation>&lt;b&gt;推奨：&lt;/b&gt;{name}（ダウンロード {gb:.1f} GB）。{sentence}</translation>
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
        <source>Ember chats, JSON (*.json);;All files (*)</source>
        <translation>Ember のチャット、JSON (*.json);;すべてのファイル (*)</translation>
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
        <source>as asked (0 GPU layers)</source>
        <translation>指定どおり（GPU 層 0）</translation>
    </message>
    <message>
        <source>this llama-cpp-python build cannot use the {gpu} (a CPU-only build; `ember doctor` shows the fix)</source>
        <translation>この llama-cpp-python のビルドは {gpu} を使えません（CPU 専用ビルド。`ember doctor` が直し方を示します）</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found ({why})</source>
        <translation>NVIDIA GPU が見つかりません（{why}）</translation>
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
        <source>Gemma 3 270M (embedded, tiny)</source>
        <translation>Gemma 3 270M（内蔵、小型）</translation>
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
        <source>{repo} has no GGUF model files, so Ember cannot run it: look for a repository with GGUF in its name (often owner/name-GGUF).</source>
        <translation>{repo} には GGUF モデルファイルがないため、Ember では動かせません。名前に GGUF を含むリポジトリ（多くは owner/name-GGUF）を探してください。</translation>
    </message>
</context>
</TS>
