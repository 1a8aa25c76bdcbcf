using Npgsql;

namespace WidthRetrain.Testing;

/// <summary>A schema of its own on the real PostgreSQL and a temp folder, both removed at the end (the schema by its owner).</summary>
public sealed class ScratchStore : IAsyncDisposable
{
    public ScratchStore(string prefix)
    {
        Schema = prefix + "_" + Guid.NewGuid().ToString("N")[..10];
        Folder = Path.Combine(Path.GetTempPath(), "widthretrain-test-" + prefix, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Schema { get; }
    public string Folder { get; }

    /// <summary>The CLI options that point a command at this store (the connection strings travel in <see cref="Environment"/>).</summary>
    public string[] Options => ["--schema", Schema];

    /// <summary>The environment of a CLI process using this store: the services' role, the owner to migrate, checkpoints here.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["WIDTHRETRAIN_POSTGRES"] = TestInfrastructure.Postgres,
        ["WIDTHRETRAIN_POSTGRES_OWNER"] = TestInfrastructure.PostgresOwner,
        ["WIDTHRETRAIN_CHECKPOINTS"] = Path.Combine(Folder, "checkpoints"),
    };

    public async ValueTask DisposeAsync()
    {
        await DropSchemaAsync(Schema);
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
