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

    /// <summary>
    /// The integrator's least rights on the test vhost (start campaigns, bind its own queues to the subscriber events);
    /// the full-rights test user where only WIDTHRETRAIN_TEST_RABBITMQ is given (the tests in the Docker image).
    /// </summary>
    public static string RabbitMqIntegrator =>
        Environment.GetEnvironmentVariable("WIDTHRETRAIN_TEST_RABBITMQ_INTEGRATOR")
        ?? Environment.GetEnvironmentVariable("WIDTHRETRAIN_TEST_RABBITMQ")
        ?? LocalCredentials.Get("WIDTHRETRAIN_RABBITMQ_INTEGRATOR_TEST") ?? RabbitMq;

    private static string Get(string test, string local) =>
        Environment.GetEnvironmentVariable(test) ?? LocalCredentials.Get(local)
        ?? throw new InvalidOperationException($"{test}: not set and no {local} in {LocalCredentials.File}; run infra/local/start.sh (infra/test.sh does)");
}
