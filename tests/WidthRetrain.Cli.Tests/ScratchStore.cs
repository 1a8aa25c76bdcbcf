using Npgsql;

namespace WidthRetrain.Cli.Tests;

/// <summary>A schema of its own on the real PostgreSQL (infra/test.sh starts it) and a temp folder, both removed at the end.</summary>
public sealed class ScratchStore : IAsyncDisposable
{
    public static string Postgres => Environment.GetEnvironmentVariable("WIDTHRETRAIN_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=widthretrain;Username=widthretrain;Password=widthretrain-dev";

    public ScratchStore(string prefix)
    {
        Schema = prefix + "_" + Guid.NewGuid().ToString("N")[..10];
        Folder = Path.Combine(Path.GetTempPath(), "widthretrain-cli-" + prefix, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Schema { get; }
    public string Folder { get; }

    /// <summary>The CLI options that point a command at this store.</summary>
    public string[] Options => ["--postgres", Postgres, "--schema", Schema];

    public async ValueTask DisposeAsync()
    {
        await using var c = new NpgsqlConnection(Postgres);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
