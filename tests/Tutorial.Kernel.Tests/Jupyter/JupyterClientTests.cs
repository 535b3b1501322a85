using System.Text.Json.Nodes;
using Tutorial.Notebooks.Ipynb;

namespace Tutorial.Kernel.Tests.Jupyter;

/// <summary>
/// The kernel as Jupyter sees it: Debian's jupyter_client starts it from the kernelspec that
/// <c>tutorial kernel install</c> wrote, and nbconvert runs a notebook through it. Nothing on the
/// client side was written here; drive_kernel.py only calls jupyter_client and records what it saw.
/// </summary>
public sealed class JupyterClientTests(JupyterEnvironment jupyter) : IClassFixture<JupyterEnvironment>
{
    private static JsonObject Obj(JsonNode? node) => Assert.IsType<JsonObject>(node);

    private static IEnumerable<JsonObject> Outputs(JsonNode? pair, string type) =>
        pair!.AsArray()[1]!.AsArray().Select(o => (JsonObject)o!).Where(o => o["type"]!.GetValue<string>() == type);

    private static IEnumerable<JsonObject> OutputsOf(JsonObject run, string type) =>
        run["outputs"]!.AsArray().Select(o => (JsonObject)o!).Where(o => o["type"]!.GetValue<string>() == type);

    [Fact]
    public void JupyterClient_RunsCodeCompletesInspectsInterruptsReadsInputAndShutsDown_IgnoringForgedMessages()
    {
        var run = jupyter.RunPython([Path.Combine(AppContext.BaseDirectory, "Jupyter", "drive_kernel.py"), ".net-csharp", jupyter.WorkDirectory], TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, $"drive_kernel.py failed:\n{run.Output}\n--- kernel log ---\n{(File.Exists(jupyter.LogFile) ? File.ReadAllText(jupyter.LogFile) : "(none)")}");
        var facts = Obj(JsonNode.Parse(run.StandardOutput.Trim().Split('\n')[^1]));

        // kernel_info
        var info = Obj(facts["kernel_info"]);
        Assert.Equal("5.3", info["protocol_version"]!.GetValue<string>());
        Assert.Equal("C#", info["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".cs", info["language_info"]!["file_extension"]!.GetValue<string>());

        // stream, execute_input and execute_result with the execution count
        var hello = Obj(facts["hello"]);
        Assert.Equal("ok", hello["reply"]!["status"]!.GetValue<string>());
        Assert.Equal(1, hello["reply"]!["execution_count"]!.GetValue<int>());
        Assert.Equal("hello from C#\n", OutputsOf(hello, "stream").Single()["content"]!["text"]!.GetValue<string>());
        Assert.Equal(1, OutputsOf(hello, "execute_input").Single()["content"]!["execution_count"]!.GetValue<int>());
        var result = OutputsOf(hello, "execute_result").Single()["content"]!;
        Assert.Equal("42", result["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(1, result["execution_count"]!.GetValue<int>());

        // an exception: error output and reply with a readable traceback naming the cell and line
        var error = Obj(facts["error"]);
        Assert.Equal("error", error["reply"]!["status"]!.GetValue<string>());
        var errorOutput = OutputsOf(error, "error").Single()["content"]!;
        Assert.Equal("InvalidOperationException", errorOutput["ename"]!.GetValue<string>());
        Assert.Equal("broken on purpose", errorOutput["evalue"]!.GetValue<string>());
        Assert.Contains("   at cell 2, line 1", errorOutput["traceback"]!.AsArray().Select(t => t!.GetValue<string>()));

        // stop_on_error: the request queued behind a failing cell is answered "aborted" and never runs
        Assert.Equal("error", facts["abort_first"]!.GetValue<string>());
        Assert.Equal("aborted", facts["abort_second"]!.GetValue<string>());
        Assert.DoesNotContain("second ran", facts["abort_outputs"]!.ToJsonString());

        // silent: nothing but busy on iopub, the count does not move; store_history=false does not count either
        var silent = Obj(facts["silent"]);
        Assert.Equal(["status"], silent["outputs"]!.AsArray().Select(o => o!["type"]!.GetValue<string>()));
        Assert.Equal(3, silent["reply"]!["execution_count"]!.GetValue<int>());
        var noHistory = Obj(facts["no_history"]);
        Assert.Equal("43", OutputsOf(noHistory, "execute_result").Single()["content"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(3, noHistory["reply"]!["execution_count"]!.GetValue<int>());

        // display and update_display_data share the display id
        var display = Obj(facts["display"]);
        var shown = OutputsOf(display, "display_data").ToList();
        var updated = OutputsOf(display, "update_display_data").Single()["content"]!;
        Assert.Equal(2, shown.Count);
        Assert.Equal("epoch 0", shown[0]["content"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("epoch 1", updated["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(shown[0]["content"]!["transient"]!["display_id"]!.GetValue<string>(), updated["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("<b>bold</b>", shown[1]["content"]!["data"]!["text/html"]!.GetValue<string>());

        // completion and inspection
        var math = Obj(facts["complete_math"]);
        Assert.Contains("Max", math["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal((12, 14), (math["cursor_start"]!.GetValue<int>(), math["cursor_end"]!.GetValue<int>()));
        Assert.Equal(["learningRate"], facts["complete_variable"]!["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("Add", facts["complete_instance"]!["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        var inspect = Obj(facts["inspect_max"]);
        Assert.True(inspect["found"]!.GetValue<bool>());
        string help = inspect["data"]!["text/plain"]!.GetValue<string>();
        Assert.StartsWith("static int System.Math.Max(int val1, int val2)", help);
        Assert.Contains("Returns the larger of two 32-bit signed integers.", help);
        Assert.Equal("(variable) double learningRate\nvalue: 0.1", facts["inspect_variable"]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("incomplete", facts["is_complete_for_open"]!["status"]!.GetValue<string>());
        Assert.Equal("complete", facts["is_complete_statement"]!["status"]!.GetValue<string>());

        // interrupt: the endless loop ends with an error, and the session (kept = 41) lives on
        Assert.Equal("CellInterruptedException", facts["interrupt_reply"]!["ename"]!.GetValue<string>());
        Assert.Equal("CellInterruptedException", facts["interrupt_empty_loop_reply"]!["ename"]!.GetValue<string>());
        Assert.Equal("CellInterruptedException", facts["sigint_reply"]!["ename"]!.GetValue<string>());
        Assert.True(facts["alive_after_sigint"]!.GetValue<bool>());
        Assert.Equal("ok", facts["after_interrupt"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("42", Outputs(facts["after_interrupt"], "execute_result").Single()["content"]!["data"]!["text/plain"]!.GetValue<string>());

        // Console.ReadLine: an input_request on stdin, answered by the client
        var input = facts["input"]!;
        Assert.Equal("ok", input[0]!["status"]!.GetValue<string>());
        Assert.Single(Outputs(input, "input_request"));
        Assert.Equal("hello Ada\n", Outputs(input, "stream").Single()["content"]!["text"]!.GetValue<string>());
        Assert.Contains("allow_stdin = false", facts["input_not_allowed"]![0]!["evalue"]!.GetValue<string>());

        // a forged and an unsigned message: never answered, never run, logged; a signed one is answered
        Assert.Null(facts["forged_answered"]);
        Assert.Null(facts["unsigned_answered"]);
        Assert.Equal(facts["signed_msg_id"]!.GetValue<string>(), facts["signed_answered_parent"]!.GetValue<string>());
        Assert.Empty(facts["streams_after_forgery"]!.AsArray());
        string log = facts["log"]!.GetValue<string>();
        Assert.Contains("WARN dropped a message on the shell channel: bad signature", log);
        Assert.Contains("WARN dropped a message on the shell channel: missing signature", log);
        string key = facts["key"]!.GetValue<string>();
        Assert.True(key.Length >= 16, "jupyter_client signs with a key");
        Assert.DoesNotContain(key, log);

        // restart: the old process exited cleanly, the new session does not know `kept`
        Assert.Equal(0, facts["restart_old_exit_code"]!.GetValue<int>());
        Assert.Equal("CompilationError", facts["after_restart"]![0]!["ename"]!.GetValue<string>());
        Assert.Contains("CS0103", facts["after_restart"]![0]!["evalue"]!.GetValue<string>());

        // shutdown: the kernel process ended by itself with exit code 0
        Assert.Equal(0, facts["exit_code"]!.GetValue<int>());
    }

    [Fact]
    public void NbConvert_ExecutesACSharpNotebookThroughTheKernel_WithoutErrorOutputs()
    {
        var doc = NotebookDocument.Create();
        doc.AddCell("markdown", "# A small chapter\nA tensor, a loop and a display.");
        doc.AddCell("code", "using Tutorial.Engine.Tensors;\nvar t = Tensor<double>.Ones(2, 3);\nt.Shape.ToString()");
        doc.AddCell("code", "for (int i = 0; i < 3; i++) Console.WriteLine($\"step {i}\");\nvar h = display(\"training…\");\nh.Update(\"done\");");
        doc.AddCell("code", "display(new Tutorial.Notebooks.Display.Html(\"<b>chart</b>\"));\nMath.Sqrt(16)");
        string input = Path.Combine(jupyter.WorkDirectory, "small.ipynb");
        doc.Save(input);

        var run = jupyter.RunPython(["-m", "nbconvert", "--to", "notebook", "--execute", "--output", "small.executed.ipynb", input], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"nbconvert failed:\n{run.Output}\n--- kernel log ---\n{(File.Exists(jupyter.LogFile) ? File.ReadAllText(jupyter.LogFile) : "(none)")}");

        var executed = NotebookDocument.Load(Path.Combine(jupyter.WorkDirectory, "small.executed.ipynb"));
        var code = executed.Cells.Where(c => c.CellType == "code").ToList();
        Assert.All(code, c => Assert.False(c.HasError, c.Outputs.FirstOrDefault()?.ToJsonString()));
        Assert.Equal([1, 2, 3], code.Select(c => c.ExecutionCount ?? 0));
        Assert.Contains("(2, 3)", code[0].Outputs.Single().ToJsonString());
        string second = string.Concat(code[1].Outputs.Select(o => o.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        Assert.Contains("step 2", second);
        Assert.Contains("\"display_data\"", second);
        Assert.Contains("done", second); // the update replaced "training…" in place
        Assert.DoesNotContain("training", second);
        Assert.Equal("<b>chart</b>", code[2].Outputs[0]["data"]!["text/html"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("4", code[2].Outputs[1]["data"]!["text/plain"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal(".net-csharp", executed.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void NbConvert_ExecutesEveryChapter_ThroughTheKernel_WithoutErrorOutputs()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tutorial.sln"))) root = dir.FullName;
        Assert.NotNull(root);
        var chapters = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(chapters);
        string outDir = Path.Combine(jupyter.WorkDirectory, "chapters");
        foreach (var chapter in chapters)
        {
            var run = jupyter.RunPython(
                ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", "--output-dir", outDir, chapter],
                TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, $"nbconvert failed on {Path.GetFileName(chapter)}:\n{run.Output}");
            var executed = NotebookDocument.Load(Path.Combine(outDir, Path.GetFileName(chapter)));
            Assert.All(executed.Cells.Where(c => c.CellType == "code"),
                c => Assert.False(c.HasError, $"{Path.GetFileName(chapter)}: {c.Outputs.FirstOrDefault(o => o["output_type"]?.GetValue<string>() == "error")?.ToJsonString()}"));
        }
    }
}
