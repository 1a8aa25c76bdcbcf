namespace WidthRetrain.Integration.Tests;

/// <summary>Where the real PostgreSQL and RabbitMQ are: the environment (CI), else the local ones infra/local/start.sh creates.</summary>
public static class Infrastructure
{
    public static string Postgres => Environment.GetEnvironmentVariable("WIDTHRETRAIN_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=widthretrain;Username=widthretrain;Password=widthretrain-dev";

    public static string RabbitMq => Environment.GetEnvironmentVariable("WIDTHRETRAIN_TEST_RABBITMQ")
        ?? "amqp://widthretrain:widthretrain-dev@127.0.0.1:5672/widthretrain";
}
