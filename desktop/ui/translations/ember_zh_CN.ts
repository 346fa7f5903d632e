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
        <translation>移除</translation>
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
