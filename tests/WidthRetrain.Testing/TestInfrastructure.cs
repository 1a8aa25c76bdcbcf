using WidthRetrain.Hosting;

namespace WidthRetrain.Testing;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ are: WIDTHRETRAIN_TEST_* variables (infra/test.sh sets them), else the
/// credentials infra/local/start.sh generated for this machine. There are no default passwords to fall back to.
/// </summary>
public static class TestInfrastructure
{
    /// <summary>The services' role: reads and appends events, cannot change them.</summary>
    public static string Postgres => Get("WIDTHRETRAIN_TEST_POSTGRES", "WIDTHRETRAIN_POSTGRES");

    /// <summary>The schema owner: creates, migrates and drops the test schemas.</summary>
    public static string PostgresOwner => Get("WIDTHRETRAIN_TEST_POSTGRES_OWNER", "WIDTHRETRAIN_POSTGRES_OWNER");

    /// <summary>A user with full rights on the test vhost only.</summary>
    public static string RabbitMq => Get("WIDTHRETRAIN_TEST_RABBITMQ", "WIDTHRETRAIN_RABBITMQ_TEST");

    private static string Get(string test, string local) =>
        Environment.GetEnvironmentVariable(test) ?? LocalCredentials.Get(local)
        ?? throw new InvalidOperationException($"{test}: not set and no {local} in {LocalCredentials.File}; run infra/local/start.sh (infra/test.sh does)");
}
