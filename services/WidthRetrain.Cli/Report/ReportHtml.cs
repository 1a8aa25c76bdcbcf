using Markdig;

namespace WidthRetrain.Cli.Report;

/// <summary>The report's Markdown as a standalone HTML page, rendered by Markdig (pipe tables). Pure.</summary>
public static class ReportHtml
{
    // Raw HTML is not passed through: names in the report come from user input (campaign and arm names), so any
    // markup in them is shown as text.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private const string Head = "<!doctype html><html><head><meta charset=\"utf-8\"><title>WidthRetrain decision report</title>" +
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}img{max-width:100%}</style></head><body>\n";

    public static string Render(string markdown) => Head + Markdown.ToHtml(markdown, Pipeline) + "</body></html>\n";
}
