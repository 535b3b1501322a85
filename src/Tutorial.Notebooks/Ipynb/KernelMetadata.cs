using System.Text.Json.Nodes;

namespace Tutorial.Notebooks.Ipynb;

/// <summary>
/// The notebook metadata that lets one .ipynb open in Jupyter, VS Code and the old Polyglot
/// Notebooks extension: the <c>.net-csharp</c> kernelspec, the C# language_info and the
/// <c>polyglot_notebook</c> kernel list.
/// </summary>
public static class KernelMetadata
{
    /// <summary>The kernelspec name the chapters use.</summary>
    public const string KernelName = ".net-csharp";

    public static JsonObject Create() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = KernelName,
        },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray(),
                    ["name"] = "csharp",
                }),
            },
        },
    };
}
