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
        <source>Delete</source>
        <translation>削除</translation>
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
</context>
</TS>
