using WidthRetrain.Hosting;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// Which broker user each service of a process suite connects as: its own (infra/local's
/// WIDTHRETRAIN_RABBITMQ_{SERVICE}, from the environment or the local credentials file), or one given user for all.
/// </summary>
public sealed class BrokerUsers
{
    private readonly string? single;
    private readonly Dictionary<string, string> own = [];

    private BrokerUsers(string? single) => this.single = single;

    /// <summary>The users for the planner, drift generator, trainer, evaluator, cost accountant and CLI; every missing one is named in one error.</summary>
    public static BrokerUsers Resolve(string? singleUrl)
    {
        if (!string.IsNullOrWhiteSpace(singleUrl))
            return Uri.TryCreate(singleUrl, UriKind.Absolute, out Uri? u) && u.Scheme is "amqp" or "amqps"
                ? new BrokerUsers(singleUrl)
                : throw new ArgumentException("--rabbitmq: an amqp://user:password@host:port/vhost URL");
        var users = new BrokerUsers(null);
        var missing = new List<string>();
        foreach (string service in new[] { "PLANNER", "DRIFT_GENERATOR", "TRAINER", "EVALUATOR", "COST_ACCOUNTANT", "CLI" })
        {
            string variable = "WIDTHRETRAIN_RABBITMQ_" + service;
            string? url = LocalCredentials.Get(variable) ?? (service == "CLI" ? LocalCredentials.Get("WIDTHRETRAIN_RABBITMQ") : null);
            if (url is null) missing.Add(variable);
            else users.own[service] = url;
        }
        return missing.Count == 0 ? users
            : throw new ArgumentException($"--rabbitmq: not given, and no broker user for {string.Join(", ", missing)} in the environment or {LocalCredentials.File} (infra/local/start.sh writes them)");
    }

    /// <summary>The URL of service <paramref name="service"/> (PLANNER, TRAINER, ..., CLI).</summary>
    public string UrlFor(string service) => single ?? own[service];
}
