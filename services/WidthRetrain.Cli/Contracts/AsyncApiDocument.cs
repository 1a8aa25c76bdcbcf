using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;
using MassTransit;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Subscribing;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Cli.Contracts;

/// <summary>
/// The suite's AsyncAPI 3.0 document, generated from the code: every message is a contract record (its JSON Schema
/// from the wire format's serializer options, its description from the contract's documentation), every queue is a
/// consumer the services register (named as MassTransit names it), every exchange is a message type's (fanout) or the
/// subscriber events exchange (topic). Only who publishes what is declared here (<see cref="Producers"/>): publishes are
/// calls, not types. docs/asyncapi.json is this document; a test regenerates it and compares.
/// </summary>
public static class AsyncApiDocument
{
    public const string ContentType = "application/vnd.masstransit+json";

    /// <summary>Who publishes each message. Integrators may publish StartCampaign and ResumeCampaign as the CLI does.</summary>
    public static IReadOnlyDictionary<Type, string[]> Producers { get; } = new Dictionary<Type, string[]>
    {
        [typeof(StartCampaign)] = ["cli", "integrator"],
        [typeof(ResumeCampaign)] = ["cli", "integrator"],
        [typeof(GenerateTasks)] = ["planner"],
        [typeof(TasksReleased)] = ["drift-generator"],
        [typeof(TrainRound)] = ["planner"],
        [typeof(RoundTrained)] = ["trainer"],
        [typeof(EvaluateRound)] = ["planner"],
        [typeof(RoundEvaluated)] = ["evaluator"],
        [typeof(PriceRound)] = ["planner"],
        [typeof(RoundCosted)] = ["cost-accountant"],
        [typeof(RoundInProgress)] = ["trainer", "evaluator"],
    };

    /// <summary>The assemblies whose consumers make up the deployed suite (not the CLI's benchmark stubs).</summary>
    public static IReadOnlyList<Assembly> ServiceAssemblies { get; } =
    [
        typeof(Planner.PlannerRegistration).Assembly, typeof(DriftGenerator.DriftGeneratorRegistration).Assembly,
        typeof(Trainer.TrainerRegistration).Assembly, typeof(Evaluator.EvaluatorRegistration).Assembly,
        typeof(CostAccountant.CostAccountantRegistration).Assembly,
    ];

    /// <summary>
    /// The serializer options of the wire: MassTransit's camelCase plus what the bus adds (<see cref="BusSetup.WireFormat"/>),
    /// with a resolver for schema export.
    /// </summary>
    public static JsonSerializerOptions Wire { get; } = BusSetup.WireFormat(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    });

    public static IReadOnlyList<Type> Messages { get; } =
        [.. typeof(IVersionedMessage).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVersionedMessage).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static string Generate(string? prefix = null, string vhost = "widthretrain")
    {
        XDocument? docs = LoadDocs();
        var consumers = Consumers(prefix);
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        foreach (Type t in Messages) AddSchemas(t, schemas, docs);

        foreach (Type t in Messages)
        {
            string name = t.Name;
            int version = (int)t.GetProperty(nameof(IVersionedMessage.SchemaVersion))!.GetValue(Activator.CreateInstance(t, Defaults(t)))!;
            messages[name] = Message(t, version, docs);
            bool subscriber = SubscriberEvents.IsSubscriberEvent(t);
            if (subscriber) continue;
            string exchange = Entity(prefix, MessageUrn.ForTypeString(t)["urn:message:".Length..]);
            channels[name] = new JsonObject
            {
                ["address"] = exchange,
                ["title"] = $"{name} exchange",
                ["description"] = $"Fanout exchange MassTransit names after the message type. {Consumed(consumers, t)} When a consumer gives up on one " +
                                  "(after its retries), MassTransit moves it to the consumer's _error queue and publishes a Fault<" + name + ">, which the planner records.",
                ["messages"] = new JsonObject { [name] = Ref($"#/components/messages/{name}") },
                ["bindings"] = ExchangeBinding(exchange, "fanout", vhost),
            };
            foreach (string producer in Producers.GetValueOrDefault(t) ?? [])
                operations[$"{producer}.send.{name}"] = Operation("send", name, name, $"{Service(producer)} publishes {name} to its exchange.");
            foreach (var (service, queue) in consumers.GetValueOrDefault(t) ?? [])
            {
                JsonObject op = Operation("receive", name, name, $"The {service} consumes {name} from queue {queue} (bound to the exchange), retries it, then moves it to {queue}_error.");
                op["x-queue"] = queue;
                operations[$"{service}.receive.{name}"] = op;
            }
        }

        string events = SubscriberEvents.ExchangeFor(prefix);
        channels["events"] = new JsonObject
        {
            ["address"] = events,
            ["title"] = "Subscriber events",
            ["description"] = "Topic exchange where the planner publishes, after recording them, the events an integrator may follow. Routing key: " +
                              "\"{event}.{campaign id}\". Bind a queue of your own: \"#\" for all, \"decision.made.*\" for one kind, \"*.*.{id}\" for one campaign. " +
                              "Each but CampaignRejected is published from the record by the planner's relay (a Marten subscription): only what is recorded, in recorded " +
                              "order, at least once (a planner killed after a commit publishes it when it starts again). Deduplicate RoundRecorded by round.roundId.",
            ["messages"] = new JsonObject(SubscriberEvents.All.Select(e => KeyValuePair.Create(e.Type.Name, (JsonNode?)Ref($"#/components/messages/{e.Type.Name}")))),
            ["bindings"] = ExchangeBinding(events, "topic", vhost),
        };
        foreach (var (type, key) in SubscriberEvents.All)
        {
            JsonObject op = Operation("send", "events", type.Name, $"The planner publishes {type.Name} with routing key \"{key}.{{campaign id}}\".");
            op["x-routing-key"] = $"{key}.{{campaignId}}";
            operations[$"planner.send.{type.Name}"] = op;
            JsonObject sub = Operation("receive", "events", type.Name, $"An integrator's own queue, bound with \"{key}.*\" (or \"#\", or \"*.*.{{campaign id}}\"), receives {type.Name}.");
            sub["x-routing-key"] = $"{key}.*";
            operations[$"integrator.receive.{type.Name}"] = sub;
        }

        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "WidthRetrain",
                ["version"] = "1.0.0",
                ["description"] = "The messages WidthRetrain's services exchange over RabbitMQ (MassTransit 8.5), and the events an integrator can " +
                                  "subscribe to. Every message travels in MassTransit's JSON envelope (content type " + ContentType + "): the payload " +
                                  "below is the envelope's \"message\" field, and \"messageType\" names it as \"urn:message:{namespace}:{type}\". " +
                                  "Property names are camelCase, enums travel by name. Each payload carries \"schemaVersion\": a consumer refuses " +
                                  "(to the _error queue) a version it does not understand. " +
                                  (string.IsNullOrEmpty(prefix) ? "Exchange names here carry no endpoint prefix; a suite run with Bus:EndpointPrefix=P prefixes every exchange with \"P.\" and every queue with \"P-\"." : $"Endpoint prefix: {prefix}."),
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = "127.0.0.1:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["pathname"] = "/" + vhost,
                    ["description"] = "The suite's broker and virtual host (infra/local/start.sh; compose: the rabbitmq service). An integrator connects " +
                                      "as widthretrain-integrator: it may publish StartCampaign and ResumeCampaign and bind queues named \"integrator.*\" " +
                                      "to the subscriber events exchange, nothing else.",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
            },
        };
        schemas["Envelope"] = Envelope();
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The consumers the service assemblies define, per message type: service and queue.</summary>
    /// <remarks>Fault&lt;T&gt; consumers (the planner's queue "fault") are not listed: MassTransit publishes those itself.</remarks>
    public static Dictionary<Type, List<(string Service, string Queue)>> Consumers(string? prefix)
    {
        var formatter = new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false);
        MethodInfo consumerName = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        var map = new Dictionary<Type, List<(string, string)>>();
        foreach (Assembly a in ServiceAssemblies)
        {
            string service = Service(a);
            foreach (Type c in a.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
                foreach (Type i in c.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
                {
                    Type m = i.GetGenericArguments()[0];
                    if (!typeof(IVersionedMessage).IsAssignableFrom(m)) continue;
                    string queue = (string)consumerName.MakeGenericMethod(c).Invoke(formatter, null)!;
                    if (!map.TryGetValue(m, out var list)) map[m] = list = [];
                    if (!list.Contains((service, queue))) list.Add((service, queue));
                }
        }
        return map;
    }

    private static string Service(Assembly a) => Service(a.GetName().Name!["WidthRetrain.".Length..]);

    private static string Service(string pascalOrKebab) =>
        string.Concat(pascalOrKebab.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    private static string Consumed(Dictionary<Type, List<(string Service, string Queue)>> consumers, Type t) =>
        consumers.GetValueOrDefault(t) is { Count: > 0 } list
            ? "Consumed by " + string.Join(", ", list.Select(c => $"the {c.Service} (queue {c.Queue})")) + "."
            : "No service consumes it.";

    private static string Entity(string? prefix, string name) => string.IsNullOrEmpty(prefix) ? name : $"{prefix}.{name}";

    private static JsonObject Ref(string path) => new() { ["$ref"] = path };

    private static JsonObject Operation(string action, string channel, string message, string description) => new()
    {
        ["action"] = action,
        ["channel"] = Ref($"#/channels/{channel}"),
        ["description"] = description,
        ["messages"] = new JsonArray(Ref($"#/channels/{channel}/messages/{message}")),
    };

    private static JsonObject ExchangeBinding(string name, string type, string vhost) => new()
    {
        ["amqp"] = new JsonObject
        {
            ["is"] = "routingKey",
            ["exchange"] = new JsonObject { ["name"] = name, ["type"] = type, ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" + vhost },
            ["bindingVersion"] = "0.3.0",
        },
    };

    private static JsonObject Message(Type t, int version, XDocument? docs)
    {
        string urn = MessageUrn.ForTypeString(t);
        return new JsonObject
        {
            ["name"] = t.Name,
            ["title"] = $"{t.Name} v{version}",
            ["summary"] = Summary(docs, "T:" + t.FullName) ?? t.Name,
            ["contentType"] = ContentType,
            ["correlationId"] = new JsonObject
            {
                ["description"] = "The conversation: one id for every message that follows from one StartCampaign (the event store records it as the correlation id; initiatorId, the message that caused this one, as the causation id).",
                ["location"] = "$message.payload#/conversationId",
            },
            ["headers"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "AMQP headers MassTransit adds (informational; everything needed is in the envelope).",
                ["properties"] = new JsonObject
                {
                    ["Content-Type"] = new JsonObject { ["type"] = "string", ["const"] = ContentType },
                    ["MT-Host-MachineName"] = new JsonObject { ["type"] = "string" },
                },
            },
            ["payload"] = new JsonObject
            {
                ["allOf"] = new JsonArray(Ref("#/components/schemas/Envelope"), new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("messageType", "message"),
                    ["properties"] = new JsonObject
                    {
                        ["messageType"] = new JsonObject { ["type"] = "array", ["contains"] = new JsonObject { ["const"] = urn } },
                        ["message"] = Ref($"#/components/schemas/{t.Name}"),
                    },
                }),
            },
            ["x-schema-version"] = version,
            ["x-message-type"] = urn,
        };
    }

    /// <summary>Every record the message types reference (nested contracts become components, enums stay inline).</summary>
    private static void AddSchemas(Type root, JsonObject schemas, XDocument? docs)
    {
        if (schemas.ContainsKey(root.Name)) return;
        var nested = new List<Type>();
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                Type t = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
                if (context.Path.Length > 0 && IsContract(t))
                {
                    nested.Add(t);
                    bool nullable = node is JsonObject o && o["type"] is JsonArray types && types.Any(x => x?.GetValue<string>() == "null");
                    node = nullable ? new JsonObject { ["oneOf"] = new JsonArray(Ref($"#/components/schemas/{t.Name}"), new JsonObject { ["type"] = "null" }) } : Ref($"#/components/schemas/{t.Name}");
                }
                if (context.PropertyInfo is { } p && node is JsonObject po && !po.ContainsKey("$ref"))
                {
                    if (Param(docs, p.DeclaringType, p.Name) is { } text) po.Insert(0, "description", text);
                    if (p.DeclaringType is { } owner && Allowed.TryGetValue((owner, p.Name), out var allowed)) allowed(po);
                }
                return node;
            },
        };
        JsonNode schema = Wire.GetJsonSchemaAsNode(root, exporter);
        if (schema is JsonObject s)
        {
            // Nulls may be left out; a spec's fields all may (the planner fills in the defaults of docs/campaign-spec.md).
            if (s["required"] is JsonArray required && s["properties"] is JsonObject properties)
            {
                string[] keep = PartialTypes.Contains(root) ? [] : [.. required.Select(r => r!.GetValue<string>()).Where(r => !AllowsNull(properties[r]))];
                if (keep.Length == 0) s.Remove("required");
                else s["required"] = new JsonArray([.. keep.Select(k => (JsonNode)k)]);
            }
            if (PartialTypes.Contains(root)) s["x-partial"] = "Every field may be left out: the planner fills in the defaults (docs/campaign-spec.md) and validates the result.";
            if (Summary(docs, "T:" + root.FullName) is { } summary) s.Insert(0, "description", summary);
            if (typeof(IVersionedMessage).IsAssignableFrom(root) && s["properties"]?["schemaVersion"] is JsonObject v)
                v["description"] = "The version of this message's schema; see the message's x-schema-version for the one this suite writes.";
        }
        schemas[root.Name] = schema;
        foreach (Type t in nested.Distinct().ToList()) AddSchemas(t, schemas, docs);
    }

    /// <summary>
    /// The allowed values the planner's validation enforces (CampaignSpecValidator), from the same lists and limits;
    /// text values are compared ignoring case and surrounding blanks.
    /// </summary>
    private static readonly Dictionary<(Type, string), Action<JsonObject>> Allowed = new()
    {
        [(typeof(DriftSpec), "kind")] = s =>
        {
            Enum(s, DriftScenarios.Kinds);
            s["description"] = $"{s["description"]} Kinds: {string.Join("; ", DriftScenarios.Definitions.Select(d => $"{d.Kind}: {d.Help}"))}.";
        },
        [(typeof(DriftSpec), "parameters")] = s => s["description"] = $"{s["description"]} By kind: " + string.Join("; ",
            DriftScenarios.Definitions.Where(d => d.Parameters.Count > 0).Select(d => $"{d.Kind}: " + string.Join(", ",
                d.Parameters.Select(p => $"{p.Name} ({p.Allowed}{(p.Default is null ? "" : $"; default {p.Default}")}): {p.Help}")))) + ".",
        [(typeof(DriftSpec), "tasks")] = s => (s["minimum"], s["maximum"]) = (1, 100),
        [(typeof(DatasetSpec), "name")] = s => Enum(s, DatasetLoader.Names),
        [(typeof(CampaignSpec), "activation")] = s => Enum(s, [.. System.Enum.GetNames<Activation>().Select(n => n.ToLowerInvariant())]),
        [(typeof(CampaignSpec), "depth")] = s => (s["minimum"], s["maximum"]) = (1, 8),
        [(typeof(CampaignSpec), "widths")] = s => s["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = CampaignSpecValidator.MaxWidth },
        [(typeof(CampaignSpec), "seeds")] = s => (s["minItems"], s["maxItems"], s["uniqueItems"]) = (1, 32, true),
        [(typeof(TrainingSpec), "optimizer")] = s => Enum(s, [.. System.Enum.GetNames<OptimizerKind>().Select(n => n.ToLowerInvariant())]),
        [(typeof(WidthRetrain.Contracts.Investment.LeverOption), "kind")] = s => Enum(s, [WidthRetrain.Contracts.Investment.LeverOption.Replay, WidthRetrain.Contracts.Investment.LeverOption.LearningRateDecay]),
    };

    private static void Enum(JsonObject schema, IEnumerable<string> values)
    {
        bool nullable = AllowsNull(schema);
        schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)v), .. nullable ? new JsonNode?[] { null } : []]);
    }

    private static readonly HashSet<Type> PartialTypes =
        [typeof(CampaignSpec), typeof(DatasetSpec), typeof(DriftSpec), typeof(TrainingSpec), typeof(PriceBook), typeof(WidthRetrain.Contracts.Investment.InvestmentPolicy)];

    private static bool AllowsNull(JsonNode? property) => property switch
    {
        JsonObject { } o when o["type"] is JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonObject { } o when o["enum"] is JsonArray values => values.Any(v => v is null),
        JsonObject { } o when o["oneOf"] is JsonArray options => options.Any(x => x?["type"]?.GetValue<string>() == "null"),
        _ => false,
    };

    private static bool IsContract(Type t) => t.Assembly == typeof(IVersionedMessage).Assembly && t.IsClass && !t.IsEnum;

    /// <summary>Constructor arguments that let a message type be created to read its default schema version.</summary>
    private static object?[] Defaults(Type t)
    {
        ParameterInfo[] ps = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        return [.. ps.Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)];
    }

    private static JsonObject Envelope() => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's JSON envelope. To publish from another language, send this object with content type " + ContentType +
                          " to the message's exchange; messageId, messageType and message are required, the rest is optional.",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = Uuid("Unique per send; a redelivery keeps it."),
            ["conversationId"] = Uuid("One per campaign flow (the correlation id)."),
            ["correlationId"] = Uuid("Optional."),
            ["initiatorId"] = Uuid("The messageId of the message that caused this one (the causation id)."),
            ["sourceAddress"] = new JsonObject { ["type"] = "string" },
            ["destinationAddress"] = new JsonObject { ["type"] = "string" },
            ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^urn:message:" } },
            ["message"] = new JsonObject { ["type"] = "object" },
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object" },
            ["host"] = new JsonObject { ["type"] = "object" },
        },
    };

    private static JsonObject Uuid(string description) => new() { ["type"] = "string", ["format"] = "uuid", ["description"] = description };

    private static XDocument? LoadDocs()
    {
        string xml = Path.ChangeExtension(typeof(IVersionedMessage).Assembly.Location, ".xml");
        return File.Exists(xml) ? XDocument.Load(xml) : null;
    }

    private static XElement? Member(XDocument? docs, string id) => docs?.Root?.Element("members")?.Elements("member").FirstOrDefault(m => (string?)m.Attribute("name") == id);

    private static string? Summary(XDocument? docs, string id) => Member(docs, id)?.Element("summary") is { } s ? Text(s) : null;

    /// <summary>A record's positional parameter documentation (&lt;param&gt;) or its property's summary.</summary>
    private static string? Param(XDocument? docs, Type? type, string jsonName)
    {
        if (type is null) return null;
        PropertyInfo? prop = type.GetProperties().FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == jsonName);
        if (prop is null) return null;
        return Member(docs, $"P:{type.FullName}.{prop.Name}")?.Element("summary") is { } s ? Text(s)
            : Member(docs, "T:" + type.FullName)?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == prop.Name) is { } param ? Text(param) : null;
    }

    /// <summary>Documentation text on one line; &lt;see cref="X.Y"/&gt; becomes "Y".</summary>
    private static string Text(XElement e) => string.Join(' ', string.Concat(e.Nodes().Select(n => n switch
    {
        XElement { Name.LocalName: "see" or "paramref" or "typeparamref" } r => ((string?)r.Attribute("cref") ?? (string?)r.Attribute("name") ?? "").Split('.', ':')[^1],
        XElement x => x.Value,
        _ => n.ToString(),
    })).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
}
