using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Hosting.Startup;

namespace WidthRetrain.Compute;

/// <summary>What a process that trains, evaluates or materialises tasks needs beside the common service frame.</summary>
public static class ComputeSetup
{
    /// <summary>Settings that moved to another section: naming the new place beats ignoring them without a word.</summary>
    private static readonly (string Old, string New)[] Moved = [("Storage:Threads", "Compute:Threads"), ("Storage:Device", "Compute:Device")];

    /// <summary>Binds the Compute and Storage sections, validated when the host starts, and the compute adapter's singletons.</summary>
    public static IServiceCollection AddWidthRetrainCompute(this IServiceCollection services, IConfiguration configuration)
    {
        string[] moved = Moved.Where(m => configuration[m.Old] is not null)
            .Select(m => $"{m.Old}: moved to {m.New} (environment: {m.New.Replace(":", "__", StringComparison.Ordinal)})").ToArray();
        services.AddOptions<ComputeOptions>().Bind(configuration.GetSection(ComputeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComputeOptions>>(new SettingsValidator<ComputeOptions>(o => o.Problems().Concat(moved)));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new SettingsValidator<StorageOptions>(o => o.Problems()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ComputeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddSingleton<CheckpointDirectory>();
        services.AddSingleton<TaskCache>();
        services.AddSingleton<ComputeGate>();
        return services;
    }
}
