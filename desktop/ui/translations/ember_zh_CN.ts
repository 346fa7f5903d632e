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
        <source>Quick (about a minute)</source>
        <translation>快速（约一分钟）</translation>
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
        <source>Hide this notice</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <source>{gb:.1f} GB</source>
        <translation>{gb:.1f} GB</translation>
    </message>
    <message>
        <source>a few GB</source>
        <translation>几 GB</translation>
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
        <source>This is Gemma 3 270M, a tiny practice model: it continues code and text but does not follow instructions. For real answers, download {name} ({size}), the model recommended for this computer.</source>
        <translation>这是 Gemma 3 270M，一个小型练习模型：它能续写代码和文本，但不会遵循指令。要获得真正的回答，请下载本机推荐的模型 {name}（{size}）。</translation>
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
        <source>{name}  (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <source>{gb:.2f} GB</source>
        <translation>{gb:.2f} GB</translation>
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
        <source>Continue an answer cut by the limit</source>
        <translation>继续被长度限制截断的回答</translation>
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
        <source>&lt;b&gt;Recommended:&lt;/b&gt; {name} ({gb:.1f} GB download). {sentence}</source>
        <translation>&lt;b&gt;推荐：&lt;/b&gt;{name}（下载 {gb:.1f} GB）。{sentence}</translation>
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
        <source>Ember chats, JSON (*.json);;All files (*)</source>
        <translation>Ember 对话，JSON (*.json);;所有文件 (*)</translation>
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
        <source>as asked (0 GPU layers)</source>
        <translation>按要求（0 个 GPU 层）</translation>
    </message>
    <message>
        <source>this llama-cpp-python build cannot use the {gpu} (a CPU-only build; `ember doctor` shows the fix)</source>
        <translation>这个 llama-cpp-python 构建无法使用 {gpu}（仅 CPU 的构建；`ember doctor` 会给出修复方法）</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found ({why})</source>
        <translation>未找到 NVIDIA GPU（{why}）</translation>
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
        <source>Gemma 3 270M (embedded, tiny)</source>
        <translation>Gemma 3 270M（内置，小型）</translation>
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
        <source>{repo} has no GGUF model files, so Ember cannot run it: look for a repository with GGUF in its name (often owner/name-GGUF).</source>
        <translation>{repo} 没有 GGUF 模型文件，Ember 无法运行它：请找名称中带 GGUF 的仓库（通常是 owner/name-GGUF）。</translation>
    </message>
</context>
</TS>
