using Spectre.Console;

namespace WidthRetrain.Cli.Shared;

/// <summary>
/// A table laid out for the terminal width instead of wrapped by it: every column when they fit; else intervals on a
/// line of their own under their mean; else the optional columns left out from the last, until the table fits or only
/// the essential ones remain. Cells are plain text (never markup); an id column never wraps. The caller says which
/// columns were left out (<see cref="Left"/>) and where to find them.
/// </summary>
public sealed class FittedTable
{
    private readonly List<FittedColumn> columns = [];
    private readonly List<string[]> rows = [];

    public string? Title { get; init; }

    public TableBorder Border { get; init; } = TableBorder.Rounded;

    /// <param name="legend">What a short header means, e.g. "AA average accuracy"; listed under the table for the columns shown.</param>
    /// <param name="essential">Kept at any width.</param>
    public FittedTable Column(string header, bool essential = false, bool right = true, bool noWrap = false, string? legend = null)
    {
        columns.Add(new FittedColumn(header, essential, right, noWrap, legend));
        return this;
    }

    public FittedTable Row(params string[] cells)
    {
        if (cells.Length != columns.Count) throw new ArgumentException($"a row of {cells.Length} cells for {columns.Count} columns");
        rows.Add(cells);
        return this;
    }

    /// <summary>The headers of the optional columns the last <see cref="Build"/> left out.</summary>
    public IReadOnlyList<string> Left { get; private set; } = [];

    /// <summary>The legend of the columns the last <see cref="Build"/> kept, e.g. "AA average accuracy; F forgetting".</summary>
    public string Legend { get; private set; } = "";

    /// <param name="all">Every column whatever the width (`--wide`).</param>
    public Table Build(int width, bool all = false)
    {
        var kept = Enumerable.Range(0, columns.Count).ToList();
        Table table = Render(kept, stacked: false);
        if (!all && Terminal.NaturalWidth(table) > width)
        {
            while (true)
            {
                table = Render(kept, stacked: true);
                if (Terminal.NaturalWidth(table) <= width) break;
                int drop = kept.FindLastIndex(i => !columns[i].Essential);
                if (drop < 0) break; // the essential columns wrap their cells, as Spectre does
                kept.RemoveAt(drop);
                Table flat = Render(kept, stacked: false);
                if (Terminal.NaturalWidth(flat) <= width)
                {
                    table = flat;
                    break;
                }
            }
        }
        Left = [.. Enumerable.Range(0, columns.Count).Except(kept).Select(i => columns[i].Header)];
        Legend = string.Join("; ", kept.Select(i => columns[i].Legend).OfType<string>());
        return table;
    }

    private Table Render(IReadOnlyList<int> kept, bool stacked)
    {
        var table = new Table().Border(Border);
        if (Title is not null) table.Title(Markup.Escape(Title));
        foreach (int i in kept)
        {
            FittedColumn c = columns[i];
            var column = new TableColumn(new Text(c.Header));
            if (c.Right) column.RightAligned();
            if (c.NoWrap) column.NoWrap();
            table.AddColumn(column);
        }
        foreach (string[] row in rows)
            table.AddRow(kept.Select(i => new Text(stacked ? Stack(row[i]) : row[i])).ToArray());
        return table;
    }

    /// <summary>"33.0 [31.0, 35.0]" as "33.0" over "[31.0, 35.0]".</summary>
    private static string Stack(string cell)
    {
        int bracket = cell.IndexOf(" [", StringComparison.Ordinal);
        return bracket < 0 ? cell : cell[..bracket] + "\n" + cell[(bracket + 1)..];
    }

    private sealed record FittedColumn(string Header, bool Essential, bool Right, bool NoWrap, string? Legend);
}
