using WidthRetrain.Cli.Report;

namespace WidthRetrain.Cli.Tests.Report;

public class ReportHtmlTests
{
    [Fact]
    public void HeadingsTablesListsAndImages_AreRendered()
    {
        string html = ReportHtml.Render("# Title\n\nSome **bold** and `code`.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- one\n- two\n\n![plot](p.png)\n");
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<th>a</th>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<img src=\"p.png\" alt=\"plot\" />", html);
        Assert.EndsWith("</body></html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupInNames_IsEscaped_NotPassedThrough()
    {
        string html = ReportHtml.Render("# Report: <script>alert(1)</script>\n\n| arm |\n| --- |\n| <b>w16</b> & co |\n");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<td>&lt;b&gt;w16&lt;/b&gt; &amp; co</td>", html);
    }

    [Fact]
    public void AWholeReport_RendersItsSectionsAsHeadingsAndTables()
    {
        string name = "drift <v2> & more";
        var model = DecisionReportBuilder.Build(ReportFixture.History(name), ReportFixture.Report(name), ReportFixture.Audit);
        string html = ReportHtml.Render(ReportMarkdown.Write(model));
        Assert.Contains("<h1>Decision report: drift &lt;v2&gt; &amp; more</h1>", html);
        Assert.Contains("<h2>Evidence per arm (mean over seeds [95% interval])</h2>", html);
        Assert.Contains("<p>Policy <strong>staged-widening v2</strong>: start width 16", html);
        Assert.Contains("<h2>Width curve</h2>", html);
        Assert.Contains("<td>pilot-a</td>", html);
        Assert.Contains("<img src=\"width-curve.png\" alt=\"Forgetting and accuracy against width\" />", html);
    }
}
