using Npgsql;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Bench;

/// <summary>A schema of its own for a benchmark's campaigns, dropped afterwards (by the owner when known: the services' role cannot).</summary>
public static class ScratchSchema
{
    public static StoreSettings For(StoreSettings store, string prefix) =>
        new() { Postgres = store.ConnectionString, Schema = prefix + Guid.NewGuid().ToString("N")[..8] };

    public static async Task DropAsync(StoreSettings scratch)
    {
        await using var c = new NpgsqlConnection(scratch.OwnerConnectionString ?? scratch.ConnectionString);
        await c.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {scratch.Schema} CASCADE", c);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
